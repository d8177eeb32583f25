# A Container Apps secret name holds only lower-case letters, digits and '-' (starting and ending
# with a letter or digit), so an env name such as DATABASE_URL becomes database-url. Two env names
# that map to one secret name (or to a reserved one) would overwrite each other: that is an error.
locals {
  secret_id_pattern   = "^https://[A-Za-z0-9.-]+/secrets/[0-9A-Za-z-]{1,127}(/[0-9A-Za-z]{32})?$"
  secret_name_pattern = "^[0-9A-Za-z-]{1,127}$"
  vault_base          = trimsuffix(var.key_vault_uri, "/")

  wiring = {
    for app, refs in var.secrets : app => [
      for env in sort(keys(refs)) : {
        env                 = env
        name                = trim(replace(replace(lower(env), "/[^a-z0-9]+/", "-"), "/-+/", "-"), "-")
        key_vault_secret_id = can(regex(local.secret_id_pattern, refs[env])) ? refs[env] : "${local.vault_base}/secrets/${refs[env]}"
        valid               = can(regex(local.secret_id_pattern, refs[env])) || can(regex(local.secret_name_pattern, refs[env]))
      }
    ]
  }

  invalid_refs = sort(flatten([for app, items in local.wiring : [for item in items : "${app}.${item.env}" if !item.valid]]))
  empty_names  = sort(flatten([for app, items in local.wiring : [for item in items : "${app}.${item.env}" if item.name == ""]]))
  # Per app: every secret name taken by more than one env name, or by an env name and the root.
  collisions = sort(flatten([
    for app, items in local.wiring : [
      for name in distinct([for item in items : item.name]) :
      "${app}: ${join(", ", [for item in items : item.env if item.name == name])} -> ${name}${contains(var.reserved_names, name) ? " (reserved)" : ""}"
      if length([for item in items : item.env if item.name == name]) > 1 || contains(var.reserved_names, name)
    ]
  ]))
}
