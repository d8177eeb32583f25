# gcp-secret-refs: Secret Manager references as Cloud Run reads them. A short name becomes
# projects/<project_id>/secrets/<name>; a /versions/<v> suffix is split off (latest by default).
# Provider-free on purpose: `terraform test` proves the normalisation offline.
terraform {
  required_version = ">= 1.9"
}
