"""What cells say: money (`amounts`), the indicator taxonomy (`categories`), units of measure
(`units`), annual values parsed into thresholds (`threshold`), what an indicator measures
(`indicators`) and the published layout's one-cell indicator lists (`indicator_cell`).
Pure functions over text and numbers: nothing here reads files or knows about rules."""
