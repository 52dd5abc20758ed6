"""The standard template workbook: `writer` builds it (dropdowns, validations, hidden sheets),
`guide` holds the text of its 填报说明 sheet, `budget_list` reads the budget list that
pre-fills one template per unit."""
