# Secrets the blueprint owns (Terraform writes their values; both are in the state):
# - <prefix>-database-url: postgresql+asyncpg://starter_app:<password>@<private IP>:5432/starter?ssl=require,
#   unless api_secrets names DATABASE_URL (bring your own);
# - <prefix>-redis-url: rediss://:<AUTH string>@<host>:<port>/0 with the server CA, unless api_secrets names REDIS_URL;
# - <prefix>-redis-ca: Memorystore's server CA certificates, mounted at /etc/redis-ca/ca.pem.
# Every other secret exists before the first apply (see the runbook).

resource "google_secret_manager_secret" "database_url" {
  count     = local.own_database_url ? 1 : 0
  secret_id = local.own_secret_ids.database_url

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_version" "database_url" {
  count       = local.own_database_url ? 1 : 0
  secret      = google_secret_manager_secret.database_url[0].id
  secret_data = "postgresql+asyncpg://${local.db_user}:${urlencode(data.google_secret_manager_secret_version.db_password.secret_data)}@${google_sql_database_instance.main.private_ip_address}:5432/${local.db_name}?ssl=require"
}

resource "google_secret_manager_secret" "redis_url" {
  count     = local.own_redis_url ? 1 : 0
  secret_id = local.own_secret_ids.redis_url

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_version" "redis_url" {
  count       = local.own_redis_url ? 1 : 0
  secret      = google_secret_manager_secret.redis_url[0].id
  secret_data = "rediss://:${urlencode(google_redis_instance.main.auth_string)}@${google_redis_instance.main.host}:${google_redis_instance.main.port}/0?ssl_cert_reqs=required&ssl_ca_certs=/etc/redis-ca/ca.pem"
}

resource "google_secret_manager_secret" "redis_ca" {
  secret_id = local.own_secret_ids.redis_ca

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_version" "redis_ca" {
  secret      = google_secret_manager_secret.redis_ca.id
  secret_data = join("\n", [for ca in google_redis_instance.main.server_ca_certs : ca.cert])
}
