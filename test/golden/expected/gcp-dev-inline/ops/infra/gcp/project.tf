# The Google APIs the blueprint uses (modules/gcp-services), enabled before anything else. Disabling
# one on destroy could break other workloads of the project: they stay enabled.

resource "google_project_service" "enabled" {
  for_each = toset(module.project_services.enabled)

  service                    = each.value
  disable_on_destroy         = false
  disable_dependent_services = false
}
