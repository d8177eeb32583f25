# Database: RDS Postgres 16 in the private subnets, encrypted, never public. RDS keeps the master
# password in Secrets Manager (manage_master_user_password): no password in tfvars or in state.
# prod: deletion protection, a final snapshot, Multi-AZ.

resource "aws_db_subnet_group" "main" {
  name       = "${local.name_prefix}-db"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_db_instance" "main" {
  identifier                  = "${local.name_prefix}-db"
  engine                      = "postgres"
  engine_version              = "16"
  instance_class              = var.db_instance_class
  allocated_storage           = var.db_allocated_storage
  storage_type                = "gp3"
  storage_encrypted           = true
  db_name                     = var.db_name
  username                    = var.db_username
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.main.name
  vpc_security_group_ids      = [aws_security_group.role["db"].id]
  publicly_accessible         = false
  multi_az                    = local.is_prod
  backup_retention_period     = var.db_backup_retention_days
  deletion_protection         = local.is_prod
  skip_final_snapshot         = !local.is_prod
  # Deterministic (no random provider): delete or rename an old "<prefix>-final" snapshot before destroying again.
  final_snapshot_identifier  = local.is_prod ? "${local.name_prefix}-final" : null
  copy_tags_to_snapshot      = true
  auto_minor_version_upgrade = true
  apply_immediately          = !local.is_prod
}
