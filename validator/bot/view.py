"""Terminal text for the bot's commands (`validator run`, `validator status`). Reads only
the result objects."""

from __future__ import annotations

from validator.bot.ledger import Entry
from validator.bot.maintenance import CheckResult, Pruned
from validator.bot.runner import NO_UNIT, RunResult, StatusInfo, held, held_advice, run_line
from validator.bot.seasons import SeasonView
from validator.bot.settings import BotSettings
from validator.model import Status

_STEPS = {"claimed": "已登记，尚未归档", "archived": "已归档，尚未审核", "validated": "已审核，意见尚未写出",
          "answered": "意见已写出，原件尚未移出收件箱"}
_TRIGGERS = {"run": "单次运行", "schedule": "常驻服务"}
_RUN_STATES = {
    "running": "运行中", "finished": "完成", "stopped": "收到停止信号后结束", "interrupted": "被中断（下次运行已续做）",
    "failed": "出错中止（下次运行将续做）",
}


def render_run(result: RunResult) -> str:
    lines = []
    for o in result.answered:
        resumed = "（续做上次中断的处理）" if o.resumed else ""
        lines.append(f"已答复：{o.name}（{o.unit or NO_UNIT}）— {o.verdict}{resumed}")
        if o.letter:
            lines.append(f"    审核意见：{o.letter}")
    for w in result.waiting:
        lines.append(f"暂不处理：{w.relative} — {w.reason}")
    for w in result.skipped:
        lines.append(f"不处理：{w.relative} — {w.reason}")
    for f in result.failures:
        lines.append(f"处理出错：{f.name} — {f.message}（{f.note}）")
    if result.summary:
        lines.append(f"汇总表：{result.summary}")
    lines.append(run_line(result))
    return "\n".join(lines)


def render_status(info: StatusInfo, settings: BotSettings) -> str:
    lines = [f"收件箱：{settings.inbox}", f"输出：{settings.outbox}", f"原件归档：{settings.archive}",
             f"台账：{settings.ledger}", ""]
    if info.running_pid:
        lines += [f"正在运行：审核进程 PID {info.running_pid}", ""]
    lines.append(f"收件箱中待处理 {len(info.ready)} 份：")
    lines += [f"  {name}" for name in info.ready] or ["  （无）"]
    if info.waiting:
        lines.append(f"暂不处理 {len(info.waiting)} 份：")
        lines += [f"  {w.relative} — {w.reason}" for w in info.waiting]
    if info.skipped:
        lines.append(f"不作为报送处理 {len(info.skipped)} 项：")
        lines += [f"  {w.relative} — {w.reason}" for w in info.skipped]
    stuck = [e for e in info.unfinished if held(e, info.max_attempts)]
    going = [e for e in info.unfinished if not held(e, info.max_attempts)]
    if stuck:
        lines.append(f"归档出错、已停止重试 {len(stuck)} 份（原件仍在收件箱中，未作改动；需信息技术人员处理）：")
        lines += [f"  {e.original_name} — 出错 {e.attempts} 次：{e.last_error}" for e in stuck]
        lines.append(f"  处理办法：{held_advice(settings)}。")
    if going:
        lines.append(f"未完成的处理 {len(going)} 份（下次运行时续做）：")
        lines += [f"  {e.original_name} — {_STEPS.get(e.state, e.state)}" + _attempts(e, info.max_attempts) for e in going]
    lines += ["", "最近的运行："]
    lines += [f"  #{r.id} {r.started.replace('T', ' ')} {_RUN_STATES.get(r.state, r.state)}：答复 {r.processed} 份，"
              f"等待 {r.skipped} 份，出错 {r.failed} 份（{_TRIGGERS.get(r.trigger, r.trigger)}）" for r in info.runs
    ] or ["  （尚未运行）"]
    lines += ["", "已答复的报送（按结论）："]
    counts = info.counts
    labels = [(Status.PASSED.value, "通过"), (Status.WARNINGS.value, "通过（有提示）"), (Status.FAILED.value, "退回修改"),
              (Status.UNREADABLE.value, "无法读取"), ("duplicate", "重复报送")]
    lines += [f"  {label}：{counts.get(key, 0)}" for key, label in labels]
    lines.append(f"  合计：{sum(counts.values())}")
    if info.kinds:
        lines.append("  其中（不含重复报送）：" + "，".join(f"{kind} {n} 份" for kind, n in sorted(info.kinds.items())))
    return "\n".join(lines)


def _attempts(entry: Entry, max_attempts: int) -> str:
    if not entry.attempts:
        return ""
    then = {"claimed": "停止重试", "answered": ""}.get(entry.state, "按无法读取答复")
    limit = f"（共 {max_attempts} 次后{then}）" if then else ""
    return f"，出错 {entry.attempts} 次{limit}：{entry.last_error}"


# --- validator ledger / status --year -----------------------------------------------------


def render_check(result: CheckResult, settings: BotSettings) -> str:
    if result.ok:
        c = result.checked
        return (f"台账检查通过：{settings.ledger}\n  SQLite 完整性检查：正常\n  报送记录 {c['rows']} 条，状态一致\n"
                f"  归档原件 {c['originals']} 份，均在且与登记的 SHA-256 一致\n  输出文件 {c['outputs']} 个，均在")
    lines = [f"台账检查发现 {len(result.problems)} 个问题：{settings.ledger}"]
    lines += [f"  {p}" for p in result.problems]
    name = settings.ledger.name
    lines.append("处理办法：缺失或被改动的原件和输出请从备份中找回放回原处；台账文件损坏时，先停止机器人，把最新的备份"
                 f"（{settings.ledger.stem}-日期-时间.sqlite3）复制为 {name}（旁边如有 {name}-wal、{name}-shm 一并删除），"
                 "再运行 validator ledger check。")
    return "\n".join(lines)


def render_pruned(pruned: Pruned, *, dry_run: bool) -> str:
    verb = "将删除" if dry_run else "已删除"
    lines = [f"{verb}运行记录 {pruned.runs} 条，台账备份 {len(pruned.backups)} 份。"]
    lines += [f"  {p}" for p in pruned.backups]
    if pruned.entries:
        lines.append(f"{verb}报送记录 {len(pruned.entries)} 条及其原件和输出文件 {len(pruned.files)} 个：")
        lines += [f"  第 {e.id} 条 {e.original_name}（{e.unit or '未识别单位'}）" for e in pruned.entries]
        lines += [f"    {p}" for p in pruned.files]
    return "\n".join(lines)


_SEASON_LABELS = ((Status.PASSED.value, "通过"), (Status.WARNINGS.value, "通过（有提示）"),
                  (Status.FAILED.value, "退回修改"), (Status.UNREADABLE.value, "无法读取"), ("duplicate", "重复报送"))


def render_season(view: SeasonView) -> str:
    """One budget year's answered submissions by verdict, next to the year before."""
    years = "，".join(f"{y} 年度 {n} 份" if y is not None else f"未识别年度 {n} 份"
                     for y, n in sorted(view.years.items(), key=lambda item: (item[0] is None, item[0] or 0)))
    lines = [f"按年度：{years or '（尚无已答复的报送）'}"]
    season, last = view.season, view.last
    if season is None:
        return "\n".join(lines)
    compare = f"（括号内为 {last.year} 年度）" if last else "（台账中没有更早的年度可对比）"
    lines.append(f"{season.year} 年度{compare}：")

    def pair(now: int, before: int | None) -> str:
        return f"{now}（{before}）" if before is not None else str(now)

    lines.append(f"  报送单位：{pair(season.units, last.units if last else None)}")
    lines += [f"  {label}：{pair(season.counts.get(key, 0), last.counts.get(key, 0) if last else None)}"
              for key, label in _SEASON_LABELS]
    lines.append(f"  合计：{pair(season.total, last.total if last else None)}")
    return "\n".join(lines)
