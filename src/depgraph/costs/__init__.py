"""Money: who is called for a failure, how long it takes and what it costs, per incident and per year."""
