# Cloud Run: the web app (public; the BFF), the API (internal ingress unless api_public_url is set,
# reached by the web app through the VPC), the optional billing worker (internal, always one
# instance with CPU always allocated) and the migration job. Env maps come from the app-env
# module; secrets are Secret Manager references (modules/gcp-secret-refs).

resource "google_cloud_run_v2_service" "api" {
  name                 = local.services.api
  location             = var.region
  ingress              = local.api_public ? "INGRESS_TRAFFIC_ALL" : "INGRESS_TRAFFIC_INTERNAL_ONLY"
  invoker_iam_disabled = true
  deletion_protection  = local.is_prod

  template {
    service_account = google_service_account.runtime["api"].email

    scaling {
      min_instance_count = var.api_min_instances
      max_instance_count = var.api_max_instances
    }

    vpc_access {
      connector = google_vpc_access_connector.main.id
      egress    = "PRIVATE_RANGES_ONLY"
    }

    volumes {
      name = "redis-ca"
      secret {
        secret = google_secret_manager_secret.redis_ca.secret_id
        items {
          version = "latest"
          path    = "ca.pem"
        }
      }
    }

    containers {
      image = local.images.api

      ports {
        container_port = local.api_port
      }

      resources {
        limits            = { cpu = var.api_cpu_limit, memory = var.api_memory_limit }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = local.api_env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = module.api_secret_refs.refs
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value.secret
              version = env.value.version
            }
          }
        }
      }

      volume_mounts {
        name       = "redis-ca"
        mount_path = "/etc/redis-ca"
      }

      startup_probe {
        period_seconds    = 5
        timeout_seconds   = 3
        failure_threshold = 24
        http_get {
          path = "/health/ready"
          port = local.api_port
          http_headers {
            name  = "Host"
            value = local.probe_host
          }
        }
      }

      liveness_probe {
        period_seconds    = 30
        timeout_seconds   = 5
        failure_threshold = 3
        http_get {
          path = "/health"
          port = local.api_port
          http_headers {
            name  = "Host"
            value = local.probe_host
          }
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  depends_on = [
    google_secret_manager_secret_iam_member.api,
    google_secret_manager_secret_version.database_url,
    google_secret_manager_secret_version.redis_url,
    google_secret_manager_secret_version.redis_ca,
  ]
}

resource "google_cloud_run_v2_service" "web" {
  name                 = local.services.web
  location             = var.region
  ingress              = "INGRESS_TRAFFIC_ALL"
  invoker_iam_disabled = true
  deletion_protection  = local.is_prod

  template {
    service_account = google_service_account.runtime["web"].email

    scaling {
      min_instance_count = var.web_min_instances
      max_instance_count = var.web_max_instances
    }

    # An internal API accepts the web app's requests only from the VPC: all egress goes through it (and Cloud NAT).
    vpc_access {
      connector = google_vpc_access_connector.main.id
      egress    = local.api_public ? "PRIVATE_RANGES_ONLY" : "ALL_TRAFFIC"
    }

    containers {
      image = local.images.web

      ports {
        container_port = local.web_port
      }

      resources {
        limits            = { cpu = var.web_cpu_limit, memory = var.web_memory_limit }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = local.web_env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = module.web_secret_refs.refs
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value.secret
              version = env.value.version
            }
          }
        }
      }

      startup_probe {
        period_seconds    = 5
        timeout_seconds   = 3
        failure_threshold = 24
        http_get {
          path = "/api/health/ready"
          port = local.web_port
        }
      }

      liveness_probe {
        period_seconds    = 30
        timeout_seconds   = 5
        failure_threshold = 3
        http_get {
          path = "/api/health"
          port = local.web_port
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  depends_on = [google_secret_manager_secret_iam_member.web, google_compute_router_nat.main]
}

# The dedicated worker retries and replays billing events: exactly one instance, CPU always on,
# internal ingress and no invoker (nothing calls it; it serves only its probes).
resource "google_cloud_run_v2_service" "worker" {
  count               = var.enable_worker ? 1 : 0
  name                = local.services.worker
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  deletion_protection = local.is_prod

  template {
    service_account = google_service_account.runtime["api"].email

    scaling {
      min_instance_count = 1
      max_instance_count = 1
    }

    vpc_access {
      connector = google_vpc_access_connector.main.id
      egress    = "PRIVATE_RANGES_ONLY"
    }

    volumes {
      name = "redis-ca"
      secret {
        secret = google_secret_manager_secret.redis_ca.secret_id
        items {
          version = "latest"
          path    = "ca.pem"
        }
      }
    }

    containers {
      image = local.images.worker

      ports {
        container_port = local.api_port
      }

      resources {
        limits   = { cpu = var.worker_cpu_limit, memory = var.worker_memory_limit }
        cpu_idle = false
      }

      dynamic "env" {
        for_each = local.worker_env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = module.api_secret_refs.refs
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value.secret
              version = env.value.version
            }
          }
        }
      }

      volume_mounts {
        name       = "redis-ca"
        mount_path = "/etc/redis-ca"
      }

      startup_probe {
        period_seconds    = 5
        timeout_seconds   = 3
        failure_threshold = 24
        http_get {
          path = "/health/ready"
          port = local.api_port
          http_headers {
            name  = "Host"
            value = local.probe_host
          }
        }
      }

      liveness_probe {
        period_seconds    = 30
        timeout_seconds   = 5
        failure_threshold = 3
        http_get {
          path = "/health"
          port = local.api_port
          http_headers {
            name  = "Host"
            value = local.probe_host
          }
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  depends_on = [
    google_secret_manager_secret_iam_member.api,
    google_secret_manager_secret_version.database_url,
    google_secret_manager_secret_version.redis_url,
    google_secret_manager_secret_version.redis_ca,
  ]
}

# Migrations run out of band (AUTO_RUN_MIGRATIONS=false): `gcloud run jobs execute <prefix>-migrate --wait`.
resource "google_cloud_run_v2_job" "migrate" {
  name                = "${local.name_prefix}-migrate"
  location            = var.region
  deletion_protection = local.is_prod

  template {
    task_count = 1

    template {
      service_account = google_service_account.runtime["api"].email
      max_retries     = 0
      timeout         = "900s"

      vpc_access {
        connector = google_vpc_access_connector.main.id
        egress    = "PRIVATE_RANGES_ONLY"
      }

      volumes {
        name = "redis-ca"
        secret {
          secret = google_secret_manager_secret.redis_ca.secret_id
          items {
            version = "latest"
            path    = "ca.pem"
          }
        }
      }

      containers {
        image   = local.images.api
        command = ["alembic", "-c", "alembic.ini", "upgrade", "heads"]

        dynamic "env" {
          for_each = local.api_env
          content {
            name  = env.key
            value = env.value
          }
        }

        dynamic "env" {
          for_each = module.api_secret_refs.refs
          content {
            name = env.key
            value_source {
              secret_key_ref {
                secret  = env.value.secret
                version = env.value.version
              }
            }
          }
        }

        volume_mounts {
          name       = "redis-ca"
          mount_path = "/etc/redis-ca"
        }
      }
    }
  }

  depends_on = [google_secret_manager_secret_iam_member.api, google_secret_manager_secret_version.database_url]
}
