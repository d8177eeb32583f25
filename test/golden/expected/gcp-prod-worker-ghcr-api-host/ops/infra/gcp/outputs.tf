# Outputs: the canonical URLs and endpoints, and what the runbook needs (the migration job, the
# secrets the API reads its connections from).

output "api_url" {
  description = "URL of the API: api_public_url, or the internal run.app URL the web app uses."
  value       = local.api_public ? var.api_public_url : local.api_base_url
}

output "web_url" {
  description = "Public URL of the web app."
  value       = var.app_public_url
}

output "web_service_uri" {
  description = "run.app URI of the web service (map a custom domain to it for app_public_url)."
  value       = google_cloud_run_v2_service.web.uri
}

output "storage_bucket" {
  description = "Name of the app's GCS bucket."
  value       = google_storage_bucket.app.name
}

output "database_endpoint" {
  description = "Private IP of the Cloud SQL instance."
  value       = google_sql_database_instance.main.private_ip_address
}

output "redis_endpoint" {
  description = "Host of Memorystore (TLS)."
  value       = google_redis_instance.main.host
}

output "migration_job" {
  description = "Cloud Run job that runs the migrations: gcloud run jobs execute <it> --region <region> --wait."
  value       = google_cloud_run_v2_job.migrate.name
}

output "database_url_secret" {
  description = "Secret the API reads DATABASE_URL from."
  value       = module.api_secret_refs.refs["DATABASE_URL"].secret
}

output "redis_url_secret" {
  description = "Secret the API reads REDIS_URL from."
  value       = module.api_secret_refs.refs["REDIS_URL"].secret
}

output "allowed_hosts" {
  description = "ALLOWED_HOSTS of the API."
  value       = module.app_env.allowed_hosts
}

output "enabled_project_services" {
  description = "The Google APIs Terraform enables (none with enable_project_services = false)."
  value       = module.project_services.enabled
}

output "manual_project_services" {
  description = "The Google APIs to enable by hand (enable_project_services = false)."
  value       = module.project_services.manual
}
