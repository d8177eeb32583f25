# Image registry: Cloud Run pulls from Artifact Registry and Docker Hub only. With
# image_registry_upstream (e.g. ghcr.io) the blueprint creates an Artifact Registry remote
# repository proxying it, and every image on that host is pulled through it (locals.images); private
# upstream images use image_registry_username and the token in image_registry_password_secret,
# read by the Artifact Registry service agent.

resource "google_artifact_registry_repository" "upstream" {
  count         = local.proxied ? 1 : 0
  repository_id = local.registry_repo
  location      = var.region
  format        = "DOCKER"
  mode          = "REMOTE_REPOSITORY"
  description   = "Proxy of ${var.image_registry_upstream} for ${local.name_prefix}"

  remote_repository_config {
    description = "https://${var.image_registry_upstream}"

    docker_repository {
      custom_repository {
        uri = "https://${var.image_registry_upstream}"
      }
    }

    dynamic "upstream_credentials" {
      for_each = var.image_registry_username != "" ? [1] : []
      content {
        username_password_credentials {
          username                = var.image_registry_username
          password_secret_version = "projects/${var.project_id}/secrets/${var.image_registry_password_secret}/versions/latest"
        }
      }
    }
  }

  depends_on = [google_project_service.enabled, google_secret_manager_secret_iam_member.registry]
}

resource "google_secret_manager_secret_iam_member" "registry" {
  count     = local.proxied && var.image_registry_password_secret != "" ? 1 : 0
  secret_id = "projects/${var.project_id}/secrets/${var.image_registry_password_secret}"
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:service-${var.project_number}@gcp-sa-artifactregistry.iam.gserviceaccount.com"
}
