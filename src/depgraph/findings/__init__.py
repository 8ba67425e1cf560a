"""Judgement: the DG1xx audit findings an integrator writes up."""
