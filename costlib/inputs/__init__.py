"""Inputs: Terraform plan JSON, resource spec files and usage files -> resource specs."""
