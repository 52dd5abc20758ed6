"""Terminal text for the bot's commands (`validator run`, `validator status`). Reads only
the result objects."""

from __future__ import annotations

from validator.bot.runner import NO_UNIT, RunResult, StatusInfo, run_line
from validator.bot.settings import BotSettings
from validator.model import Status

_STEPS = {"claimed": "已登记，尚未归档", "archived": "已归档，尚未审核", "validated": "已审核，意见尚未写出",
          "answered": "意见已写出，原件尚未移出收件箱"}
_TRIGGERS = {"run": "单次运行", "schedule": "常驻服务"}
_RUN_STATES = {
    "running": "运行中", "finished": "完成", "stopped": "收到停止信号后结束", "interrupted": "被中断（下次运行已续做）",
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
    for f in result.failures:
        lines.append(f"处理出错：{f.name} — {f.message}（原件已保留，下次运行将重试）")
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
    if info.unfinished:
        lines.append(f"未完成的处理 {len(info.unfinished)} 份（下次运行时续做）：")
        lines += [f"  {e.original_name} — {_STEPS.get(e.state, e.state)}"
                  + (f"，出错 {e.attempts} 次：{e.last_error}" if e.attempts else "") for e in info.unfinished]
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
