# The VPC: a subnet with private Google access, a /28 subnet for the Serverless VPC Access connector,
# Private Service Access for Cloud SQL and Memorystore (private IPs only), and Cloud NAT for the web
# app, whose egress goes through the VPC when the API is internal.

resource "google_compute_network" "main" {
  name                    = "${local.name_prefix}-vpc"
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"

  depends_on = [google_project_service.enabled]
}

resource "google_compute_subnetwork" "main" {
  name                     = "${local.name_prefix}-subnet"
  region                   = var.region
  network                  = google_compute_network.main.id
  ip_cidr_range            = var.vpc_subnet_cidr
  private_ip_google_access = true
}

resource "google_compute_subnetwork" "connector" {
  name                     = "${local.name_prefix}-connector"
  region                   = var.region
  network                  = google_compute_network.main.id
  ip_cidr_range            = var.vpc_connector_cidr
  private_ip_google_access = true
}

resource "google_vpc_access_connector" "main" {
  name          = local.connector_name
  region        = var.region
  machine_type  = "e2-micro"
  min_instances = 2
  max_instances = 3

  subnet {
    name = google_compute_subnetwork.connector.name
  }
}

resource "google_compute_global_address" "private_services" {
  name          = "${local.name_prefix}-psa"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = var.private_service_cidr_prefix
  network       = google_compute_network.main.id
}

resource "google_service_networking_connection" "private_services" {
  network                 = google_compute_network.main.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_services.name]
  # Cloud SQL keeps the peering busy for a while after its deletion: leave it to the network.
  deletion_policy = "ABANDON"
}

resource "google_compute_router" "main" {
  count   = local.api_public ? 0 : 1
  name    = "${local.name_prefix}-router"
  region  = var.region
  network = google_compute_network.main.id
}

resource "google_compute_router_nat" "main" {
  count                              = local.api_public ? 0 : 1
  name                               = "${local.name_prefix}-nat"
  router                             = google_compute_router.main[0].name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}
