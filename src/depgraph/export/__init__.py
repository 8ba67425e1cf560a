"""Export: the site in other tools' formats (Open-PSA MEF fault trees)."""
