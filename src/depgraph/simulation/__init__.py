"""Years: the Monte Carlo of simulated years (cost-model.md section 3) and the plan comparison."""
