# Identities: one service account for the API, the worker and the migration job, one for the web
# app. Grants are per resource, never project-wide: each reads exactly the secrets it injects; the
# API also reads the signing secret and adds versions to the keyset it rotates (gcp_sm), and manages
# the bucket's objects. Cloud SQL is reached over its private IP (no cloudsql.client needed).

resource "google_service_account" "runtime" {
  for_each = local.account_ids

  account_id   = each.value
  display_name = "${local.name_prefix} ${each.key}"

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "api" {
  for_each = toset(concat(module.api_secret_refs.secret_ids, module.app_secret_refs.secret_ids, ["projects/${var.project_id}/secrets/${local.own_secret_ids.redis_ca}"]))

  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.runtime["api"].email}"

  depends_on = [google_secret_manager_secret.database_url, google_secret_manager_secret.redis_url, google_secret_manager_secret.redis_ca]
}

resource "google_secret_manager_secret_iam_member" "keyset_writer" {
  for_each = toset([for name, ref in module.app_secret_refs.refs : ref.secret if name == "KEYSET"])

  secret_id = each.value
  role      = "roles/secretmanager.secretVersionAdder"
  member    = "serviceAccount:${google_service_account.runtime["api"].email}"
}

resource "google_secret_manager_secret_iam_member" "web" {
  for_each = toset(module.web_secret_refs.secret_ids)

  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.runtime["web"].email}"
}

resource "google_storage_bucket_iam_member" "api" {
  for_each = toset(["roles/storage.objectUser", "roles/storage.legacyBucketReader"])

  bucket = google_storage_bucket.app.name
  role   = each.value
  member = "serviceAccount:${google_service_account.runtime["api"].email}"
}
