"""Constraint components, one module a family (SHACL section 4), each turning parameters into checks."""
