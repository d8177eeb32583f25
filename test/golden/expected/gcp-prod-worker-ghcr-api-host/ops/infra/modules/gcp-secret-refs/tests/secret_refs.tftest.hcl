# Secret reference normalisation, offline.

variables {
  project_id = "acme-prod"
}

run "short_names_and_paths" {
  command = plan
  variables {
    secrets = {
      OPENAI_API_KEY = "openai-api-key"
      SECRET_KEY     = "projects/shared-secrets/secrets/secret-key"
      PINNED         = "pepper/versions/3"
      PINNED_PATH    = "projects/shared-secrets/secrets/refresh/versions/latest"
      PADDED         = "  stripe-key  "
    }
  }

  assert {
    condition     = output.refs.OPENAI_API_KEY.secret == "projects/acme-prod/secrets/openai-api-key" && output.refs.OPENAI_API_KEY.version == "latest"
    error_message = "a short name is a secret of project_id at version latest (got ${jsonencode(output.refs.OPENAI_API_KEY)})"
  }
  assert {
    condition     = output.refs.SECRET_KEY.secret == "projects/shared-secrets/secrets/secret-key" && output.refs.SECRET_KEY.version == "latest"
    error_message = "a full path keeps its project (got ${jsonencode(output.refs.SECRET_KEY)})"
  }
  assert {
    condition     = output.refs.PINNED.secret == "projects/acme-prod/secrets/pepper" && output.refs.PINNED.version == "3"
    error_message = "/versions/<n> is split off (got ${jsonencode(output.refs.PINNED)})"
  }
  assert {
    condition     = output.refs.PINNED_PATH.secret == "projects/shared-secrets/secrets/refresh" && output.refs.PINNED_PATH.version == "latest"
    error_message = "a full path with /versions/latest is split too (got ${jsonencode(output.refs.PINNED_PATH)})"
  }
  assert {
    condition     = output.refs.PADDED.secret == "projects/acme-prod/secrets/stripe-key"
    error_message = "surrounding spaces are trimmed (got ${jsonencode(output.refs.PADDED)})"
  }
  assert {
    condition     = jsonencode(output.secret_ids) == jsonencode(["projects/acme-prod/secrets/openai-api-key", "projects/acme-prod/secrets/pepper", "projects/acme-prod/secrets/stripe-key", "projects/shared-secrets/secrets/refresh", "projects/shared-secrets/secrets/secret-key"])
    error_message = "secret_ids lists each secret once, sorted (got ${jsonencode(output.secret_ids)})"
  }
}

run "same_secret_twice" {
  command = plan
  variables {
    secrets = { A = "shared", B = "projects/acme-prod/secrets/shared/versions/2" }
  }

  assert {
    condition     = length(output.secret_ids) == 1 && output.refs.B.version == "2"
    error_message = "two versions of one secret need one grant (got ${jsonencode(output.secret_ids)})"
  }
}

run "empty_dropped" {
  command = plan
  variables {
    secrets = { A = "a", B = "" }
  }

  assert {
    condition     = keys(output.refs) == ["A"]
    error_message = "an empty reference injects nothing"
  }
}

run "value_refused" {
  command = plan
  variables {
    secrets = { DATABASE_URL = "postgresql://u:p@host/db" }
  }
  expect_failures = [var.secrets]
}
