variable "enable_project_services" {
  description = "Enable the listed APIs with Terraform; false enables none (enable them by hand first: output manual)."
  type        = bool
  default     = true
}

variable "project_services" {
  description = "The APIs to enable; replaces the default list (output required) and must hold every API in it. Empty means the default list."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for service in var.project_services : can(regex("^[a-z][a-z0-9-]*\\.googleapis\\.com$", service))])
    error_message = "project_services must hold API service names such as run.googleapis.com."
  }
}

variable "artifact_registry" {
  description = "The blueprint pulls images through an Artifact Registry remote repository (artifactregistry.googleapis.com is then required)."
  type        = bool
  default     = false
}
