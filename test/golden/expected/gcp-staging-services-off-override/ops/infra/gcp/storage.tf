# The app's bucket: uniform bucket-level access, public access prevention enforced, versioning (old
# versions expire after 30 days). The API's service account manages its objects; nobody else is granted.

resource "google_storage_bucket" "app" {
  name                        = var.storage_bucket_name
  location                    = var.storage_location != "" ? var.storage_location : var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.enabled]
}
