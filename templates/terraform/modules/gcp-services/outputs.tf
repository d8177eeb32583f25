output "required" {
  description = "The APIs the blueprint uses, sorted."
  value       = local.required
}

output "listed" {
  description = "project_services, or the default list when it is empty, sorted."
  value       = local.listed
}

output "enabled" {
  description = "The APIs Terraform enables: the listed ones, or none with enable_project_services = false."
  value       = var.enable_project_services ? local.listed : []

  precondition {
    condition     = length(local.missing) == 0
    error_message = "project_services replaces the default list and lacks ${join(", ", local.missing)}, which the blueprint uses: add them to project_services (or leave it empty for the default list)."
  }
}

output "manual" {
  description = "The APIs to enable by hand before the first apply (enable_project_services = false); empty otherwise."
  value       = var.enable_project_services ? [] : local.listed
}
