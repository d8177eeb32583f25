# Memorystore Redis over Private Service Access, with AUTH and in-transit encryption (TLS on port
# 6378): the API gets rediss:// and trusts the instance's server CA, mounted from Secret Manager.

resource "google_redis_instance" "main" {
  name                    = "${local.name_prefix}-redis"
  region                  = var.region
  tier                    = var.redis_tier
  memory_size_gb          = var.redis_memory_size_gb
  redis_version           = var.redis_version
  authorized_network      = google_compute_network.main.id
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  reserved_ip_range       = google_compute_global_address.private_services.name
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"

  depends_on = [google_service_networking_connection.private_services]
}
