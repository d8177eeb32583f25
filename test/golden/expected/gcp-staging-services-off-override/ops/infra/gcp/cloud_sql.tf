# Cloud SQL Postgres 16 on a private IP only, TLS required, daily backups; point-in-time recovery,
# a regional (failover) instance and deletion protection in prod. The user's password is read from
# an existing Secret Manager secret (db_password_secret), never a variable; it is in the state, so
# keep the state in a protected bucket.

locals {
  db_name = "starter"
  db_user = "starter_app"
}

data "google_secret_manager_secret_version" "db_password" {
  secret  = local.db_password_secret
  version = "latest"

  depends_on = [google_project_service.enabled]
}

resource "google_sql_database_instance" "main" {
  name                = "${local.name_prefix}-pg"
  region              = var.region
  database_version    = "POSTGRES_16"
  deletion_protection = local.is_prod

  settings {
    # db-custom tiers are Enterprise edition (Postgres 16 would default to Enterprise Plus).
    edition                     = "ENTERPRISE"
    tier                        = var.db_tier
    availability_type           = local.is_prod ? "REGIONAL" : "ZONAL"
    disk_type                   = "PD_SSD"
    disk_size                   = var.db_disk_size_gb
    disk_autoresize             = true
    deletion_protection_enabled = local.is_prod

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      start_time                     = "03:00"
      point_in_time_recovery_enabled = local.is_prod
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = var.db_backup_retention_count
        retention_unit   = "COUNT"
      }
    }

    maintenance_window {
      day          = 7
      hour         = 4
      update_track = "stable"
    }

    insights_config {
      query_insights_enabled = true
    }
  }

  depends_on = [google_service_networking_connection.private_services]
}

resource "google_sql_database" "app" {
  name     = local.db_name
  instance = google_sql_database_instance.main.name
}

resource "google_sql_user" "app" {
  name     = local.db_user
  instance = google_sql_database_instance.main.name
  password = data.google_secret_manager_secret_version.db_password.secret_data
}
