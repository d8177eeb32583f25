# container-app-secrets: names valid for Container Apps, references resolved against the vault,
# and every collision refused.

variables {
  key_vault_uri = "https://acme-prod-kv.vault.azure.net/"
}

run "env_names_become_container_app_secret_names" {
  command = plan
  variables {
    secrets = {
      api = { DATABASE_URL = "database-url", REDIS_URL = "redis-url", OPENAI_API_KEY = "openai-api-key" }
      web = { NEXTAUTH_SECRET = "nextauth-secret" }
    }
  }
  assert {
    condition     = output.names.api == { DATABASE_URL = "database-url", OPENAI_API_KEY = "openai-api-key", REDIS_URL = "redis-url" }
    error_message = "upper-case env names with _ must become lower-case names with -"
  }
  assert {
    condition     = [for item in output.by_app.api : item.env] == ["DATABASE_URL", "OPENAI_API_KEY", "REDIS_URL"]
    error_message = "secrets must be sorted by env name"
  }
  assert {
    condition     = alltrue([for item in flatten(values(output.by_app)) : can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", item.name))])
    error_message = "every name must hold only lower-case letters, digits and -"
  }
}

run "short_names_resolve_against_the_vault_and_ids_stay" {
  command = plan
  variables {
    secrets = {
      api = {
        SECRET_KEY     = "secret-key"
        OPENAI_API_KEY = "https://shared-kv.vault.azure.net/secrets/openai/0123456789abcdef0123456789abcdef"
      }
    }
  }
  assert {
    condition     = { for item in output.by_app.api : item.env => item.key_vault_secret_id } == { OPENAI_API_KEY = "https://shared-kv.vault.azure.net/secrets/openai/0123456789abcdef0123456789abcdef", SECRET_KEY = "https://acme-prod-kv.vault.azure.net/secrets/secret-key" }
    error_message = "a short name must become <vault uri>secrets/<name> (versionless); a secret ID must stay as given"
  }
}

run "odd_characters_collapse_to_one_hyphen" {
  command = plan
  variables {
    secrets = { api = { "__STRIPE__WEBHOOK_SECRET_" = "stripe-webhook" } }
  }
  assert {
    condition     = output.names.api["__STRIPE__WEBHOOK_SECRET_"] == "stripe-webhook-secret"
    error_message = "runs of other characters must become one -, trimmed at both ends"
  }
}

run "names_that_collide_are_an_error" {
  command = plan
  variables {
    secrets = { api = { STRIPE_KEY = "stripe-key", stripe_key = "stripe-key-2" } }
  }
  expect_failures = [output.by_app]
}

run "a_reserved_name_is_an_error" {
  command = plan
  variables {
    reserved_names = ["registry-password"]
    secrets        = { api = { REGISTRY_PASSWORD = "registry-password" } }
  }
  expect_failures = [output.by_app]
}

run "the_same_name_in_two_apps_is_fine" {
  command = plan
  variables {
    secrets = { api = { SECRET_KEY = "secret-key" }, web = { SECRET_KEY = "secret-key" } }
  }
  assert {
    condition     = output.names.web.SECRET_KEY == "secret-key"
    error_message = "each app has its own secrets: the same name in two apps must not collide"
  }
}

run "a_reference_that_is_neither_a_name_nor_an_id_is_an_error" {
  command = plan
  variables {
    secrets = { api = { SECRET_KEY = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x" } }
  }
  expect_failures = [output.by_app]
}

run "an_env_name_without_letters_is_an_error" {
  command = plan
  variables {
    secrets = { api = { "___" = "x" } }
  }
  expect_failures = [output.by_app]
}
