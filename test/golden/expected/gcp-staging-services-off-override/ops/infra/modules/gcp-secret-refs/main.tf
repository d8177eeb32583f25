locals {
  # Empty references are dropped (nothing to inject).
  paths = {
    for name, ref in var.secrets : name => (startswith(trimspace(ref), "projects/") ? trimspace(ref) : "projects/${var.project_id}/secrets/${trimspace(ref)}")
    if trimspace(ref) != ""
  }
  refs = {
    for name, path in local.paths : name => {
      secret  = split("/versions/", path)[0]
      version = length(split("/versions/", path)) > 1 ? split("/versions/", path)[1] : "latest"
    }
  }
}
