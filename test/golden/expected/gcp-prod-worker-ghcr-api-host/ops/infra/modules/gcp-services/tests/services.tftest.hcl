# The services list, offline: the default list, an override that extends it, one that lacks an API,
# the Artifact Registry API when images are proxied, and enable_project_services = false.

run "default_list" {
  command = plan

  assert {
    condition     = jsonencode(output.enabled) == jsonencode(["compute.googleapis.com", "iam.googleapis.com", "redis.googleapis.com", "run.googleapis.com", "secretmanager.googleapis.com", "servicenetworking.googleapis.com", "sqladmin.googleapis.com", "storage.googleapis.com", "vpcaccess.googleapis.com"])
    error_message = "the default list must enable every API the blueprint uses (output.enabled is ${jsonencode(output.enabled)})"
  }
  assert {
    condition     = length(output.manual) == 0
    error_message = "nothing is left to enable by hand when Terraform enables the APIs"
  }
}

run "artifact_registry_added" {
  command = plan
  variables {
    artifact_registry = true
  }

  assert {
    condition     = contains(output.enabled, "artifactregistry.googleapis.com") && length(output.enabled) == 10
    error_message = "the remote repository needs artifactregistry.googleapis.com (output.enabled is ${jsonencode(output.enabled)})"
  }
}

run "override_extends" {
  command = plan
  variables {
    project_services = ["logging.googleapis.com", "compute.googleapis.com", "iam.googleapis.com", "redis.googleapis.com", "run.googleapis.com", "secretmanager.googleapis.com", "servicenetworking.googleapis.com", "sqladmin.googleapis.com", "storage.googleapis.com", "vpcaccess.googleapis.com"]
  }

  assert {
    condition     = length(output.enabled) == 10 && contains(output.enabled, "logging.googleapis.com") && output.enabled == sort(output.enabled)
    error_message = "an override list is enabled as given, sorted (output.enabled is ${jsonencode(output.enabled)})"
  }
}

run "override_lacking_an_api" {
  command = plan
  variables {
    project_services = ["run.googleapis.com"]
  }
  expect_failures = [output.enabled]
}

run "switched_off" {
  command = plan
  variables {
    enable_project_services = false
    project_services        = ["compute.googleapis.com", "iam.googleapis.com", "redis.googleapis.com", "run.googleapis.com", "secretmanager.googleapis.com", "servicenetworking.googleapis.com", "sqladmin.googleapis.com", "storage.googleapis.com", "vpcaccess.googleapis.com", "monitoring.googleapis.com"]
  }

  assert {
    condition     = length(output.enabled) == 0
    error_message = "enable_project_services = false enables nothing"
  }
  assert {
    condition     = length(output.manual) == 10 && contains(output.manual, "monitoring.googleapis.com")
    error_message = "the APIs to enable by hand are the listed ones (output.manual is ${jsonencode(output.manual)})"
  }
}

run "bad_name" {
  command = plan
  variables {
    project_services = ["run"]
  }
  expect_failures = [var.project_services]
}
