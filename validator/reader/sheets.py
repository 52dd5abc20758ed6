"""Sheet names of the standard template, shared by the template writer and the reader."""

from typing import Final

GUIDE_SHEET: Final = "填报说明"
PROJECT_SHEET: Final = "项目信息"
INDICATOR_SHEET: Final = "绩效指标"
LISTS_SHEET: Final = "下拉列表"
META_SHEET: Final = "模板信息"
CONTROL_SHEET: Final = "控制数"

TEMPLATE_ID: Final = "xmzc-jxmb"
TEMPLATE_VERSION: Final = "2027.1"
# The self-evaluation template (validator template --kind 自评): its own id, versioned with the targets'.
SELF_TEMPLATE_ID: Final = "xmzc-jxzp"
SELF_TEMPLATE_VERSION: Final = TEMPLATE_VERSION
