"""Command line: thin click commands that gather options and call the library.

Exit codes: 0 no errors, 1 errors found (or warnings under --strict), 2 usage or
configuration error. The only module that calls sys.exit (through click)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from validator import __version__, cli_zh
from validator.config.loader import Config, ConfigError, load_config, office_settings
from validator.engine import collect_files, validate_paths
from validator.model import Report
from validator.outputs.progress import progress_bar
from validator.outputs.reporters import render_json, render_text

if TYPE_CHECKING:
    from validator.bot.settings import BotSettings

cli_zh.install()  # before the decorators below: some of click's words are looked up as they run

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_BUSY = 75  # EX_TEMPFAIL: another pass holds the inbox lock, try again later

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _config(rules: Path | None) -> Config:
    try:
        config = load_config(rules)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    for hint in config.hints:  # settings renamed by a release: still read, with a hint to update
        click.echo(hint, err=True)
    return config


def _xlsx_path(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"汇总表应为 .xlsx 文件，而不是 {value.name}", ctx=ctx, param=param)
    return value


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="validator")
def cli() -> None:
    """项目支出绩效目标表工具：生成模板、审核提交的表格、出具审核意见、导入和生成公开表。"""


@cli.command("validate", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="文件或文件夹...", type=click.Path(exists=True, path_type=Path))
@click.option("--rules", "rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="规则配置文件（默认：当前目录下的 rules.yaml，没有则用内置默认配置）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式：text 为逐条问题，json 为供其他程序读取的结构化结果。")
@click.option("--strict", is_flag=True, help="有提示（warning）也视为不通过，退出码为 1。")
@click.option("--quiet", "-q", is_flag=True, help="只输出每个文件的结论和汇总，不逐条列出问题。")
@click.option("--letters", "letters", type=click.Path(file_okay=False, path_type=Path),
              help="为每个文件出具审核意见函（Word .docx），保存到该文件夹。")
@click.option("--annotate", "annotate", type=click.Path(file_okay=False, path_type=Path),
              help="生成在问题单元格上标色、加批注的表格副本，保存到该文件夹（原文件不改动）。")
@click.option("--summary", "summary", type=click.Path(dir_okay=False, path_type=Path), callback=_xlsx_path,
              help="生成本批次的审核汇总表（.xlsx）：每个文件一行、问题明细、按规则统计。")
@click.option("--workers", "workers", type=click.IntRange(min=1), default=None,
              help="同时审核的进程数（默认：CPU 核数，文件少时每 40 个文件一个）；结果与单进程完全相同，顺序不变。")
@click.option("--ledger", "ledger", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="审核机器人的台账（ledger.sqlite3）：绩效自评表对照其中审核通过的绩效目标表（单进程审核）。")
def validate_command(paths: tuple[Path, ...], rules: Path | None, fmt: str, strict: bool, quiet: bool,
                     letters: Path | None, annotate: Path | None, summary: Path | None,
                     workers: int | None, ledger: Path | None = None) -> None:
    """审核指定的绩效目标表或绩效自评表（文件或文件夹；文件夹会递归查找 .xlsx/.xlsm/.xls/.xlsb/.ods，
    以及看起来是表格的 .csv/.txt/.tsv）。"""
    config = _config(rules)
    report = _run(paths, config, quiet=quiet, workers=workers, ledger=ledger)
    click.echo(render_json(report) if fmt == "json" else render_text(report, quiet=quiet))
    _write_outputs(report, config, letters=letters, annotate=annotate, summary=summary)
    raise SystemExit(EXIT_FINDINGS if report.failed(strict=strict) else EXIT_OK)


def _write_outputs(report: Report, config: Config, *, letters: Path | None, annotate: Path | None,
                   summary: Path | None) -> None:
    """The optional outputs, each a function of the report; notices go to stderr so that
    `--format json` keeps stdout machine-readable."""
    try:  # each output's libraries (python-docx, openpyxl) are imported only when it is asked for
        if letters is not None:
            from validator.outputs.letter import write_letters

            written = write_letters(report, letters, settings=office_settings(config), listed=_findings_listed(config))
            click.echo(f"已出具审核意见函 {len(written)} 份，保存在 {letters}", err=True)
        if annotate is not None:
            from validator.outputs.annotate import annotate_all

            written = annotate_all(report, annotate, listed=_findings_listed(config))
            click.echo(f"已生成标注副本 {len(written)} 份（无法读取的文件和文本表格不生成），保存在 {annotate}", err=True)
        if summary is not None:
            from validator.outputs.summary import write_summary
            from validator.rules.reference import rule_purposes

            written_summary = write_summary(report, summary, rule_titles=rule_purposes(),
                                            office=office_settings(config).signer)
            click.echo(f"已生成审核汇总表：{written_summary}", err=True)
    except OSError as exc:
        click.echo(f"错误：无法写入输出文件：{exc}（文件是否正在被 Excel/WPS 打开？）", err=True)
        raise SystemExit(EXIT_USAGE) from exc


def _findings_listed(config: Config) -> int:
    from validator.config.limits import limits_of

    return limits_of(config).findings_listed


def _run(paths: tuple[Path, ...], config: Config, *, quiet: bool, workers: int | None = None,
         ledger: Path | None = None) -> Report:
    total = len(collect_files(paths))
    if ledger is not None:  # the approved targets are looked up in this process
        from validator.bot.approved import ledger_context
        from validator.bot.ledger import Ledger

        with Ledger(ledger) as book, progress_bar(total, enabled=not quiet) as advance:
            return validate_paths(paths, config, progress=advance, context=ledger_context(book))
    if total <= 1 or workers == 1:
        with progress_bar(total, enabled=not quiet) as advance:
            return validate_paths(paths, config, progress=advance)
    from validator.workers import default_workers, validate_batch

    with progress_bar(total, enabled=not quiet) as advance:
        return validate_batch(list(paths), config, workers=workers or default_workers(total), progress=advance)


@cli.command("rules", context_settings=CONTEXT)
@click.option("--check", "check", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="只校验该规则配置文件，不打印规则说明。")
@click.argument("rule_ids", nargs=-1, metavar="[规则编号]...")
def rules_command(check: Path | None, rule_ids: tuple[str, ...]) -> None:
    """打印规则说明（编号、默认级别、选项、检查内容与示例）；可只列出指定编号的规则。"""
    from validator.rules.reference import rule_reference

    if check is not None:
        config = _config(check)
        click.echo(f"{check}：配置有效，启用规则 {len(config.enabled())} 条。")
        for notice in office_settings(config).notices():
            click.echo(f"注意：{notice}")
        return
    try:
        click.echo(rule_reference(list(rule_ids)))
    except KeyError as exc:
        raise click.UsageError(f"未知规则：{exc.args[0]}") from exc


@cli.command("template", context_settings=CONTEXT)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="输出的模板文件（.xlsx）；配合 --budget-list 时为输出文件夹。")
@click.option("--year", type=int, default=None, help="预算年度（默认：下一年度）。")
@click.option("--department", default=None, help="预填的部门（单位）名称。")
@click.option("--budget-list", "budget_list", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="预算清单（.xlsx 或 .csv：单位、项目名称、总计、财政拨款、财政专户拨款、其他资金），"
                   "每个单位生成一份预填了项目和控制数的模板。")
@click.option("--rules", "rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="规则配置文件，其校验值写入模板信息。")
@click.option("--kind", type=click.Choice(["目标", "自评"]), default="目标", show_default=True,
              help="模板种类：目标 为绩效目标表，自评 为项目支出绩效自评表。")
@click.option("--from-ledger", "from_ledger", is_flag=True,
              help="（仅自评）按审核机器人台账中审核通过的目标表，每个单位生成一份预填项目、指标和目标值的自评表，"
                   "-o 为输出文件夹。")
@click.option("--outbox", "outbox", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="（配合 --from-ledger）审核机器人的输出文件夹（台账所在处，默认按 rules.yaml 的 bot 设置）。")
def template_command(output: Path, year: int | None, department: str | None, budget_list: Path | None,
                     rules: Path | None, kind: str = "目标", from_ledger: bool = False,
                     outbox: Path | None = None) -> None:
    """生成标准绩效目标表模板（可按单位预填项目与控制数），或项目支出绩效自评表模板（--kind 自评）。"""
    from validator.template.budget_list import BudgetListError, read_budget_list
    from validator.template.writer import default_year, write_template, write_unit_templates

    config = _config(rules)
    year = year or default_year()
    if kind == "自评" or from_ledger:
        _self_template(output, year, department, from_ledger, _bot_settings(rules, None, outbox).ledger, config)
        return
    if budget_list is None:
        if output.suffix.lower() != ".xlsx":
            raise click.BadParameter(f"模板是 Excel 工作簿，请以 .xlsx 结尾（例如 模板.xlsx），而不是 {output.name}。",
                                     param_hint="-o/--output")
        path = write_template(output, year=year, department=department, rules_checksum=config.checksum)
        click.echo(f"已生成模板：{path}")
        return
    try:
        units = read_budget_list(budget_list)
    except BudgetListError as exc:
        raise click.UsageError(str(exc)) from exc
    paths = write_unit_templates(output, units, year=year, rules_checksum=config.checksum)
    click.echo(f"已为 {len(paths)} 个单位生成预填模板，保存在 {output}")


def _self_template(output: Path, year: int, department: str | None, from_ledger: bool, ledger: Path,
                   config: Config) -> None:
    from validator.template.selfeval import templates_from_ledger, weights_of, write_self_template

    options = dict(config.rules["score-weights"].options) if "score-weights" in config.rules else None
    if not from_ledger:
        execution, total = weights_of(options)
        path = write_self_template(output, year=year, department=department, execution_weight=execution,
                                   total_weight=total, rules_checksum=config.checksum)
        click.echo(f"已生成自评表模板：{path}")
        return
    if not ledger.exists():
        raise click.UsageError(f"未找到审核机器人的台账：{ledger}（请用 --outbox 指定输出文件夹）。")
    paths = templates_from_ledger(ledger, output, year=year, options=options, rules_checksum=config.checksum)
    if not paths:
        click.echo(f"台账中没有 {year} 年审核通过的绩效目标表，未生成自评表。")
        return
    click.echo(f"已为 {len(paths)} 个单位生成预填的自评表，保存在 {output}")


@cli.command("threshold", context_settings=CONTEXT)
@click.argument("text", metavar="指标值")
@click.option("--name", default=None, help="指标名称（三级指标）；单位可能写在名称中，如“合格率（%）”。")
@click.option("--unit", default=None, help="计量单位列的内容，如“%”“小时”。")
@click.option("--direction", default=None, help="指标方向列的内容，如“大于等于”“正向”。")
@click.option("--level2", default=None, help="二级指标，如“社会效益指标”“时效指标”（判断能否定性评价）。")
@click.option("--rules", "rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="规则配置文件（默认：当前目录的 rules.yaml，或内置默认配置）。")
@click.option("--json", "as_json", is_flag=True,
              help="输出 JSON：kind、parts（op、value、unit）、normalized、notes，以及 verdict（审核结论与各条意见）。")
def threshold_command(text: str, name: str | None, unit: str | None, direction: str | None,
                      level2: str | None, rules: Path | None, as_json: bool) -> None:
    """解析一个年度指标值，显示读出的比较符号、数值和单位，以及指标值规则给出的审核结论
    （通过 / 提示 / 错误）和理由；无法识别时退出码为 1。"""
    from validator.rules.verdict import judge_value, verdict_to_json, verdict_to_text
    from validator.values.threshold import parse_threshold, threshold_to_json, threshold_to_text

    result = parse_threshold(text, name=name, unit=unit, direction=direction)
    verdict = judge_value(text, _config(rules), name=name, unit=unit, direction=direction, level2=level2)
    if as_json:
        output = json.dumps({**threshold_to_json(result), "verdict": verdict_to_json(verdict)}, ensure_ascii=False)
    else:
        output = threshold_to_text(result) + "\n" + verdict_to_text(verdict)
    click.echo(output)
    raise SystemExit(EXIT_FINDINGS if result.kind == "malformed" else EXIT_OK)


@cli.command("import", context_settings=CONTEXT, short_help="把公开格式的绩效目标表转为标准模板（按部门各一份）。")
@click.argument("table", metavar="公开表", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="输出文件夹：每个部门生成一份标准模板。")
@click.option("--single", is_flag=True, help="所有项目写入同一份模板，不按部门拆分。")
@click.option("--rules", "rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="规则配置文件，其校验值写入模板信息。")
def import_command(table: Path, output: Path, single: bool, rules: Path | None) -> None:
    """把公开格式的绩效目标表（.txt/.tsv 或 .xlsx）转为标准模板：项目、金额、绩效目标和指标
    均已填好，指标值拆分为指标方向、指标值和计量单位。"""
    from validator.published.importer import NotPublishedTable, import_table
    from validator.reader import UnreadableFile

    config = _config(rules)
    try:
        result = import_table(table, output, single=single, rules_checksum=config.checksum)
    except UnreadableFile as exc:
        raise click.UsageError(f"{table}：{exc.message}{exc.suggestion}") from exc
    except NotPublishedTable as exc:
        raise click.UsageError(str(exc)) from exc
    for path in result.paths:
        click.echo(f"已生成模板：{path}")
    click.echo(f"共 {result.projects} 个项目、{result.indicators} 条指标；其中 {result.level2_empty} 条指标的二级指标"
               f"需在模板中选择，{result.kept_whole} 条指标值保留原文（见“指标解释/备注”列）。")


@cli.command("publish", context_settings=CONTEXT, short_help="由审核通过的提交生成公开格式的绩效目标表。")
@click.argument("sources", nargs=-1, required=True, metavar="文件或文件夹...", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="输出的公开表文件（.xlsx；为 txt 格式时是制表符分隔的文本）。")
@click.option("--title", default=None, help="表格标题（默认：部门名称 + 年度 + “项目支出绩效目标表”）。")
@click.option("--department", default=None, help="“部门名称：”一行的内容（默认：各提交的部门名称）。")
@click.option("--note", default=None, help="表格下方的注释行（默认：“注：不含保密项目。”）。")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "txt"]), default=None,
              help="输出格式：xlsx（含打印设置）或 txt（制表符分隔的文本）；默认按输出文件的扩展名判断。")
@click.option("--include-failed", is_flag=True, help="审核有错误的文件也写入公开表（无法读取的文件仍跳过）。")
@click.option("--rules", "rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="审核用的规则配置文件（默认：当前目录下的 rules.yaml，没有则用内置默认配置）。")
def publish_command(sources: tuple[Path, ...], output: Path, title: str | None, department: str | None,
                    note: str | None, fmt: str | None, include_failed: bool, rules: Path | None) -> None:
    """由审核通过的提交（文件或文件夹）生成公开格式的项目支出绩效目标表：合计、部门行、
    项目行，每个项目的指标按“1、产出指标：…，年度指标值：…。”写在一格。有错误的文件默认跳过并列出。"""
    from validator.published.disclosure import write_disclosure
    from validator.published.publish import DEFAULT_NOTE, build_tables, select_sources

    config = _config(rules)
    as_text = fmt == "txt" or (fmt is None and output.suffix.lower() in (".txt", ".tsv"))
    selection = select_sources(sources, config, include_failed=include_failed, exclude=output)
    for skipped in selection.skipped:
        click.echo(f"已跳过：{skipped.path}（{skipped.reason}）")
    if any(s.reason != "无法读取" for s in selection.skipped):
        click.echo("有错误的文件可用 validate 查看问题，改正后重新生成；或加 --include-failed 一并写入公开表。")
    if not selection.included:
        click.echo("没有可公开的提交，未生成文件。")
        raise SystemExit(EXIT_FINDINGS)
    tables = build_tables(selection.included, title=title, department=department, note=note or DEFAULT_NOTE)
    write_disclosure(tables, output, as_text=as_text)
    projects = sum(len(d.projects) for t in tables for d in t.departments)
    per_department = f"，每个部门一张表（共 {len(tables)} 张）" if len(tables) > 1 else ""
    click.echo(f"已生成公开表：{output}（{len(selection.included)} 个文件，{projects} 个项目{per_department}；"
               f"跳过 {len(selection.skipped)} 个文件）")


_RULES_OPTION = click.option(
    "--rules", "rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="规则配置文件（默认：当前目录下的 rules.yaml），其中 bot: 一节设定收件箱等路径。")
_INBOX_OPTION = click.option("--inbox", type=click.Path(file_okay=False, path_type=Path),
                             help="收件箱文件夹（覆盖 rules.yaml 的 bot.inbox）。")
_OUTBOX_OPTION = click.option("--outbox", type=click.Path(file_okay=False, path_type=Path),
                              help="输出文件夹（覆盖 rules.yaml 的 bot.outbox）。")


def _bot_settings(rules: Path | None, inbox: Path | None, outbox: Path | None) -> BotSettings:
    from validator.bot.settings import BotSettings

    return BotSettings.from_config(_config(rules), inbox=inbox, outbox=outbox)


@cli.command("run", context_settings=CONTEXT)
@_RULES_OPTION
@_INBOX_OPTION
@_OUTBOX_OPTION
@click.option("--wait", is_flag=True, help="另一个审核进程正在运行时排队等待，而不是直接退出（退出码 75）。")
@click.option("--settle", type=click.FloatRange(min=0), default=None,
              help="文件最后修改后至少等待的秒数（覆盖 rules.yaml 的 bot.settle_seconds；刚复制进来的文件可用 0）。")
@click.option("--retry", is_flag=True,
              help="重新尝试归档出错、已停止重试的文件（排除原因后使用，见 validator status）。")
def run_command(rules: Path | None, inbox: Path | None, outbox: Path | None, wait: bool,
                settle: float | None, retry: bool) -> None:
    """处理收件箱一遍：逐份审核新报送的文件，写出审核意见、标注副本和审核结果，更新汇总表。

    原件移入归档文件夹。可反复运行，已处理的文件不会重复处理；中断后再次运行会接着做完。
    收到 SIGTERM/SIGINT 时，处理完当前文件（或在 10 秒后放弃它，下次重做）后结束。"""
    from dataclasses import replace

    from validator.bot.migrations import LedgerError
    from validator.bot.runner import BotError, InboxBusy, configure_logging, process_inbox
    from validator.bot.stopping import stop_on_signals
    from validator.bot.view import render_run

    settings = _bot_settings(rules, inbox, outbox)
    if settle is not None:
        settings = replace(settings, settle_seconds=settle)
    configure_logging(settings.log_file, stdout=False)
    try:
        with stop_on_signals() as stop:
            result = process_inbox(settings, wait=wait, stop=stop, retry=retry)
    except InboxBusy as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(EXIT_BUSY) from exc
    except (BotError, LedgerError) as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(render_run(result))
    raise SystemExit(EXIT_FINDINGS if result.failures else EXIT_OK)


@cli.command("status", context_settings=CONTEXT)
@_RULES_OPTION
@_INBOX_OPTION
@_OUTBOX_OPTION
@click.option("--year", type=click.IntRange(1900, 9999), default=None,
              help="只看这一预算年度的报送，并与台账中的上一年度对比（默认：台账中最新的年度）。")
def status_command(rules: Path | None, inbox: Path | None, outbox: Path | None, year: int | None) -> None:
    """显示收件箱中等待处理的文件、最近几次运行和按审核结论统计的报送数量。"""
    from validator.bot.migrations import LedgerError
    from validator.bot.runner import inbox_status
    from validator.bot.seasons import season_view
    from validator.bot.view import render_season, render_status

    settings = _bot_settings(rules, inbox, outbox)
    try:
        click.echo(render_status(inbox_status(settings), settings))
        click.echo("\n" + render_season(season_view(settings, year)))
    except LedgerError as exc:
        raise click.UsageError(str(exc)) from exc


@cli.command("schedule", context_settings=CONTEXT)
@_RULES_OPTION
@_INBOX_OPTION
@_OUTBOX_OPTION
@click.option("--cron", default=None, help="运行时间，crontab 格式（分 时 日 月 周），默认 \"0 2 * * *\"（每天凌晨 2 点）。")
@click.option("--interval", type=click.IntRange(min=1), default=None,
              help="改为每隔 N 秒运行一次（与 --cron 二选一）。")
@click.option("--tz", default="Asia/Shanghai", show_default=True, help="--cron 所用的时区。")
def schedule_command(rules: Path | None, inbox: Path | None, outbox: Path | None, cron: str | None,
                     interval: int | None, tz: str) -> None:
    """作为常驻服务定时处理收件箱：启动时先处理一遍，之后按 --cron 或 --interval 运行。

    收到 SIGINT/SIGTERM 时，处理完当前文件后退出。"""
    from validator.bot.runner import BotError, check_folders, configure_logging
    from validator.bot.scheduler import DEFAULT_CRON, ScheduleError, make_trigger, run_schedule

    if cron is not None and interval is not None:
        raise click.UsageError("--cron 与 --interval 只能选一个。")
    settings = _bot_settings(rules, inbox, outbox)
    try:
        trigger = make_trigger(cron=None if interval else (cron or DEFAULT_CRON), interval=interval, tz=tz)
    except ScheduleError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        check_folders(settings)
    except BotError as exc:
        raise click.UsageError(str(exc)) from exc
    configure_logging(settings.log_file, stdout=True)
    run_schedule(settings, trigger)


@cli.command("serve", context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；只在本机使用为 127.0.0.1，供单位内网访问可设为本机的内网地址或 0.0.0.0。")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="端口（0 表示自动选一个空闲端口）。")
@click.option("--rules", "rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="规则配置文件（默认：当前目录下的 rules.yaml），其中 serve: 一节设定上传上限、报送和预算科页面。")
def serve_command(host: str, port: int, rules: Path | None) -> None:
    """启动自助审核网页：单位上传表格即可看到审核结论和问题清单，下载标注副本和意见函草稿。

    rules.yaml 中开启 serve.submit 后可在网页上报送（放入收件箱）；开启 serve.office 并设置访问口令后，
    预算科可在 /office 查看本季报送情况。"""
    from validator.web.server import serve

    config = _config(rules)
    try:
        serve(config, host=host, port=port, announce=lambda line: click.echo(line, err=True))
    except OSError as exc:
        raise click.UsageError(f"无法在 {host}:{port} 上启动网页（{exc.strerror or exc}）。请换一个端口（--port）。") from exc
# --- validator ledger: the office's care of its ledger (validator/bot/maintenance.py) -----------


@cli.group("ledger", context_settings=CONTEXT)
def ledger_group() -> None:
    """台账维护（供信息技术人员使用）：备份、检查、导出和清理。说明见 README 的“信息技术人员”一节。"""


T = TypeVar("T")


def _maintenance(call: Callable[[], T]) -> T:
    from validator.bot.maintenance import MaintenanceError

    try:
        return call()
    except MaintenanceError as exc:
        raise click.UsageError(str(exc)) from exc


@ledger_group.command("backup", context_settings=CONTEXT)
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@_RULES_OPTION
@_OUTBOX_OPTION
def ledger_backup_command(folder: Path | None, rules: Path | None, outbox: Path | None) -> None:
    """把台账完整备份一份到 FOLDER（默认：台账旁边），文件名带日期和时间。机器人运行时也可备份。"""
    from validator.bot.maintenance import backup_ledger

    settings = _bot_settings(rules, None, outbox)
    click.echo(f"台账已备份：{_maintenance(lambda: backup_ledger(settings, folder))}")


@ledger_group.command("check", context_settings=CONTEXT)
@_RULES_OPTION
@_OUTBOX_OPTION
def ledger_check_command(rules: Path | None, outbox: Path | None) -> None:
    """检查台账：SQLite 完整性、归档原件是否都在且未被改动、输出文件是否都在、处理状态是否一致。有问题时退出码为 1。"""
    from validator.bot.maintenance import check_ledger
    from validator.bot.view import render_check

    settings = _bot_settings(rules, None, outbox)
    result = check_ledger(settings)
    click.echo(render_check(result, settings))
    raise SystemExit(EXIT_OK if result.ok else EXIT_FINDINGS)


@ledger_group.command("export", context_settings=CONTEXT)
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="导出到的文件：.xlsx 为表格，.csv 为逗号分隔文本（如 台账.xlsx）。")
@click.option("--year", type=click.IntRange(1900, 9999), default=None, help="只导出这一预算年度的报送。")
@_RULES_OPTION
@_OUTBOX_OPTION
def ledger_export_command(output: Path, year: int | None, rules: Path | None, outbox: Path | None) -> None:
    """导出台账，每份报送一行：单位、文件、接收时间、审核结论、错误数、提示数、审核意见。"""
    from validator.bot.maintenance import export_ledger

    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise click.BadParameter(f"导出文件应为 .xlsx 或 .csv，而不是 {output.name}", param_hint="-o")
    settings = _bot_settings(rules, None, outbox)
    count = _maintenance(lambda: export_ledger(settings, output, year=year))
    click.echo(f"已导出 {count} 份报送：{output}")


@ledger_group.command("prune", context_settings=CONTEXT)
@click.option("--before", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="删除这一天（YYYY-MM-DD）以前的运行记录和台账备份。")
@click.option("--originals", is_flag=True,
              help="同时删除这一天以前处理完的报送记录及其归档原件、审核意见和标注副本（会逐个列出，慎用）。")
@click.option("--dry-run", is_flag=True, help="只列出将删除的内容，不删除。")
@_RULES_OPTION
@_OUTBOX_OPTION
def ledger_prune_command(before: datetime, originals: bool, dry_run: bool, rules: Path | None,
                         outbox: Path | None) -> None:
    """清理旧的运行记录和台账备份。报送记录、原件和审核意见默认不删，只有加 --originals 才删。"""
    from validator.bot.maintenance import prune_ledger
    from validator.bot.view import render_pruned

    settings = _bot_settings(rules, None, outbox)
    pruned = _maintenance(lambda: prune_ledger(settings, before.date(), originals=originals, dry_run=dry_run))
    click.echo(render_pruned(pruned, dry_run=dry_run))


def main() -> None:
    cli(prog_name="validator")


def validate_main() -> None:
    validate_command(prog_name="validate")
