"""The inbox bot: one synchronous, idempotent pass over the inbox (`runner.process_inbox`),
the file system side of it (`inbox`), the SQLite ledger (`ledger`), its settings from the
`bot:` section (`settings`), the long-running service (`scheduler`, the only module that
imports apscheduler) and the terminal text of `validator run` / `status` (`view`)."""
