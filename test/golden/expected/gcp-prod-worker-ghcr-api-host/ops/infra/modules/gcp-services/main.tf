locals {
  # Every API a resource of the blueprint calls: networks, the NAT and the peering range (compute),
  # service accounts (iam), Memorystore (redis), Cloud Run (run), Secret Manager, Private Service
  # Access (servicenetworking), Cloud SQL (sqladmin), the bucket (storage) and the connector (vpcaccess).
  default_services = [
    "compute.googleapis.com",
    "iam.googleapis.com",
    "redis.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "servicenetworking.googleapis.com",
    "sqladmin.googleapis.com",
    "storage.googleapis.com",
    "vpcaccess.googleapis.com",
  ]
  required = sort(distinct(concat(local.default_services, var.artifact_registry ? ["artifactregistry.googleapis.com"] : [])))
  listed   = length(var.project_services) > 0 ? sort(distinct(var.project_services)) : local.required
  missing  = sort(tolist(setsubtract(local.required, local.listed)))
}
