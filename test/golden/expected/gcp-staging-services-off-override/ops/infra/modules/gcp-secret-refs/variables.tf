variable "project_id" {
  description = "Project of the secrets given by short name."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a GCP project ID: 6-30 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "secrets" {
  description = "Env name => secret: a short name, projects/<project>/secrets/<name>, either with an optional /versions/<n|latest>."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for name, ref in var.secrets : trimspace(ref) == "" || can(regex("^(projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/secrets/)?[A-Za-z0-9_-]{1,255}(/versions/(latest|[0-9]+))?$", trimspace(ref)))])
    error_message = "each secret must be a Secret Manager name (letters, digits, _ and -) or projects/<project>/secrets/<name>, optionally with /versions/<n> or /versions/latest; never a secret value."
  }
}
