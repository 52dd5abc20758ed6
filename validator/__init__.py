"""项目支出绩效目标表 validator: templates, checks, feedback letters and the inbox bot."""

__version__ = "0.2.0"
