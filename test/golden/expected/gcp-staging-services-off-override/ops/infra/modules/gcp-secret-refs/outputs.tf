output "refs" {
  description = "Env name => { secret = projects/<p>/secrets/<name>, version = <n> or latest }."
  value       = local.refs
}

output "secret_ids" {
  description = "Every distinct secret (projects/<p>/secrets/<name>), sorted: what the reader must be granted."
  value       = sort(distinct([for ref in values(local.refs) : ref.secret]))
}
