# Compute: a Container Apps environment on the apps subnet (workload profiles, Consumption), the
# API, the web app, the optional billing worker and a manual migration job. Plain env comes from
# the app-env module; secrets are Key Vault references read with the user-assigned identities,
# which hold their Key Vault roles before any app is created (depends_on).
# Ingress: the web app is external; the API is internal to the environment unless api_public_url
# is set; the worker has none. Probes send Host: localhost, a host ALLOWED_HOSTS lists.

resource "azurerm_container_app_environment" "main" {
  name                       = "${local.name_prefix}-cae"
  location                   = azurerm_resource_group.main.location
  resource_group_name        = azurerm_resource_group.main.name
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  infrastructure_subnet_id   = azurerm_subnet.apps.id
  zone_redundancy_enabled    = local.is_prod
  tags                       = local.tags

  workload_profile {
    name                  = "Consumption"
    workload_profile_type = "Consumption"
  }
}

locals {
  probe_host = "localhost"
  # The identity each app reads its secrets (and pulls its image) with.
  identity_of = {
    api    = azurerm_user_assigned_identity.api.id
    web    = azurerm_user_assigned_identity.web.id
    worker = azurerm_user_assigned_identity.api.id
  }
  migration_command = ["alembic", "-c", "alembic.ini", "upgrade", "heads"]
}

resource "azurerm_container_app" "api" {
  name                         = local.api_app_name
  container_app_environment_id = azurerm_container_app_environment.main.id
  resource_group_name          = azurerm_resource_group.main.name
  revision_mode                = "Single"
  workload_profile_name        = "Consumption"
  tags                         = local.tags

  identity {
    type         = "UserAssigned"
    identity_ids = [local.identity_of.api]
  }

  dynamic "secret" {
    for_each = module.app_secrets.by_app.api
    content {
      name                = secret.value.name
      identity            = local.identity_of.api
      key_vault_secret_id = secret.value.key_vault_secret_id
    }
  }

  dynamic "secret" {
    for_each = local.registry_by_secret ? [local.registry_password_secret_id] : []
    content {
      name                = local.registry_secret
      identity            = local.identity_of.api
      key_vault_secret_id = secret.value
    }
  }

  dynamic "registry" {
    for_each = var.registry_login_server == "" ? [] : [var.registry_login_server]
    content {
      server               = registry.value
      username             = local.registry_by_secret ? var.registry_username : null
      password_secret_name = local.registry_by_secret ? local.registry_secret : null
      identity             = local.registry_by_secret ? null : local.identity_of.api
    }
  }

  ingress {
    external_enabled = local.api_public
    target_port      = local.api_port
    transport        = "auto"
    # Internal only: the web app calls http://<api app name> inside the environment.
    allow_insecure_connections = !local.api_public

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    min_replicas = var.api_min_replicas
    max_replicas = var.api_max_replicas

    container {
      name   = "api"
      image  = var.api_image
      cpu    = var.api_vcpu
      memory = local.memory.api

      dynamic "env" {
        for_each = local.api_env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = module.app_secrets.by_app.api
        content {
          name        = env.value.env
          secret_name = env.value.name
        }
      }

      startup_probe {
        transport               = "HTTP"
        port                    = local.api_port
        path                    = "/health"
        interval_seconds        = 10
        timeout                 = 5
        failure_count_threshold = 30

        header {
          name  = "Host"
          value = local.probe_host
        }
      }

      liveness_probe {
        transport               = "HTTP"
        port                    = local.api_port
        path                    = "/health"
        interval_seconds        = 30
        timeout                 = 5
        failure_count_threshold = 3

        header {
          name  = "Host"
          value = local.probe_host
        }
      }

      readiness_probe {
        transport               = "HTTP"
        port                    = local.api_port
        path                    = "/health/ready"
        interval_seconds        = 10
        timeout                 = 5
        failure_count_threshold = 3

        header {
          name  = "Host"
          value = local.probe_host
        }
      }
    }
  }

  depends_on = [
    azurerm_role_assignment.api_secrets,
    azurerm_role_assignment.api_blob,
    azurerm_role_assignment.api_blob_delegator,
    azurerm_key_vault_secret.database_url,
    azurerm_key_vault_secret.redis_url,
  ]
}

resource "azurerm_container_app" "web" {
  name                         = local.web_app_name
  container_app_environment_id = azurerm_container_app_environment.main.id
  resource_group_name          = azurerm_resource_group.main.name
  revision_mode                = "Single"
  workload_profile_name        = "Consumption"
  tags                         = local.tags

  identity {
    type         = "UserAssigned"
    identity_ids = [local.identity_of.web]
  }

  dynamic "secret" {
    for_each = module.app_secrets.by_app.web
    content {
      name                = secret.value.name
      identity            = local.identity_of.web
      key_vault_secret_id = secret.value.key_vault_secret_id
    }
  }

  dynamic "secret" {
    for_each = local.registry_by_secret ? [local.registry_password_secret_id] : []
    content {
      name                = local.registry_secret
      identity            = local.identity_of.web
      key_vault_secret_id = secret.value
    }
  }

  dynamic "registry" {
    for_each = var.registry_login_server == "" ? [] : [var.registry_login_server]
    content {
      server               = registry.value
      username             = local.registry_by_secret ? var.registry_username : null
      password_secret_name = local.registry_by_secret ? local.registry_secret : null
      identity             = local.registry_by_secret ? null : local.identity_of.web
    }
  }

  ingress {
    external_enabled           = true
    target_port                = local.web_port
    transport                  = "auto"
    allow_insecure_connections = false

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    min_replicas = var.web_min_replicas
    max_replicas = var.web_max_replicas

    container {
      name   = "web"
      image  = var.web_image
      cpu    = var.web_vcpu
      memory = local.memory.web

      dynamic "env" {
        for_each = local.web_env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = module.app_secrets.by_app.web
        content {
          name        = env.value.env
          secret_name = env.value.name
        }
      }

      liveness_probe {
        transport               = "HTTP"
        port                    = local.web_port
        path                    = "/api/health"
        interval_seconds        = 30
        timeout                 = 5
        failure_count_threshold = 3
      }

      readiness_probe {
        transport               = "HTTP"
        port                    = local.web_port
        path                    = "/api/health/ready"
        interval_seconds        = 10
        timeout                 = 5
        failure_count_threshold = 3
      }
    }
  }

  depends_on = [azurerm_role_assignment.web_secrets]
}

# The billing worker runs the API image with the worker's billing flags and the API's secrets; no
# ingress. It serves /health/ready on 8000 too. Exactly one replica: retries must not run twice.
resource "azurerm_container_app" "worker" {
  count                        = var.enable_worker ? 1 : 0
  name                         = local.worker_app_name
  container_app_environment_id = azurerm_container_app_environment.main.id
  resource_group_name          = azurerm_resource_group.main.name
  revision_mode                = "Single"
  workload_profile_name        = "Consumption"
  tags                         = local.tags

  identity {
    type         = "UserAssigned"
    identity_ids = [local.identity_of.worker]
  }

  dynamic "secret" {
    for_each = module.app_secrets.by_app.api
    content {
      name                = secret.value.name
      identity            = local.identity_of.worker
      key_vault_secret_id = secret.value.key_vault_secret_id
    }
  }

  dynamic "secret" {
    for_each = local.registry_by_secret ? [local.registry_password_secret_id] : []
    content {
      name                = local.registry_secret
      identity            = local.identity_of.worker
      key_vault_secret_id = secret.value
    }
  }

  dynamic "registry" {
    for_each = var.registry_login_server == "" ? [] : [var.registry_login_server]
    content {
      server               = registry.value
      username             = local.registry_by_secret ? var.registry_username : null
      password_secret_name = local.registry_by_secret ? local.registry_secret : null
      identity             = local.registry_by_secret ? null : local.identity_of.worker
    }
  }

  template {
    min_replicas = 1
    max_replicas = 1

    container {
      name   = "worker"
      image  = local.worker_image
      cpu    = var.worker_vcpu
      memory = local.memory.worker

      dynamic "env" {
        for_each = local.worker_env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = module.app_secrets.by_app.api
        content {
          name        = env.value.env
          secret_name = env.value.name
        }
      }

      liveness_probe {
        transport               = "HTTP"
        port                    = local.api_port
        path                    = "/health"
        interval_seconds        = 30
        timeout                 = 5
        failure_count_threshold = 3

        header {
          name  = "Host"
          value = local.probe_host
        }
      }

      readiness_probe {
        transport               = "HTTP"
        port                    = local.api_port
        path                    = "/health/ready"
        interval_seconds        = 10
        timeout                 = 5
        failure_count_threshold = 3

        header {
          name  = "Host"
          value = local.probe_host
        }
      }
    }
  }

  depends_on = [
    azurerm_role_assignment.api_secrets,
    azurerm_role_assignment.api_blob,
    azurerm_role_assignment.api_blob_delegator,
    azurerm_key_vault_secret.database_url,
    azurerm_key_vault_secret.redis_url,
  ]
}

# One-off migration job: start it (az containerapp job start) before the API serves and before each release.
resource "azurerm_container_app_job" "migrate" {
  name                         = "${local.name_prefix}-migrate"
  location                     = azurerm_resource_group.main.location
  resource_group_name          = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  workload_profile_name        = "Consumption"
  replica_timeout_in_seconds   = 1800
  replica_retry_limit          = 0
  tags                         = local.tags

  manual_trigger_config {
    parallelism              = 1
    replica_completion_count = 1
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [local.identity_of.api]
  }

  dynamic "secret" {
    for_each = module.app_secrets.by_app.api
    content {
      name                = secret.value.name
      identity            = local.identity_of.api
      key_vault_secret_id = secret.value.key_vault_secret_id
    }
  }

  dynamic "secret" {
    for_each = local.registry_by_secret ? [local.registry_password_secret_id] : []
    content {
      name                = local.registry_secret
      identity            = local.identity_of.api
      key_vault_secret_id = secret.value
    }
  }

  dynamic "registry" {
    for_each = var.registry_login_server == "" ? [] : [var.registry_login_server]
    content {
      server               = registry.value
      username             = local.registry_by_secret ? var.registry_username : null
      password_secret_name = local.registry_by_secret ? local.registry_secret : null
      identity             = local.registry_by_secret ? null : local.identity_of.api
    }
  }

  template {
    container {
      name    = "migrate"
      image   = var.api_image
      cpu     = var.api_vcpu
      memory  = local.memory.api
      command = local.migration_command

      dynamic "env" {
        for_each = local.api_env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = module.app_secrets.by_app.api
        content {
          name        = env.value.env
          secret_name = env.value.name
        }
      }
    }
  }

  depends_on = [
    azurerm_role_assignment.api_secrets,
    azurerm_role_assignment.api_blob,
    azurerm_role_assignment.api_blob_delegator,
    azurerm_key_vault_secret.database_url,
    azurerm_key_vault_secret.redis_url,
  ]
}

# Custom domains: app_public_url on the web app (api_public_url on the API). Their DNS records
# (CNAME and asuid TXT) must exist first; the managed certificate is bound with the az CLI (see the
# runbook), so Terraform leaves the binding alone.
resource "azurerm_container_app_custom_domain" "web" {
  name             = module.app_env.app_host
  container_app_id = azurerm_container_app.web.id

  lifecycle {
    ignore_changes = [certificate_binding_type, container_app_environment_certificate_id]
  }
}

resource "azurerm_container_app_custom_domain" "api" {
  count            = local.api_public ? 1 : 0
  name             = module.app_env.api_public_host
  container_app_id = azurerm_container_app.api.id

  lifecycle {
    ignore_changes = [certificate_binding_type, container_app_environment_certificate_id]
  }
}
