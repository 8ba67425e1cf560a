"""Structure: what goes down when components fail (propagation, blast radius, ranking, cut sets)."""
