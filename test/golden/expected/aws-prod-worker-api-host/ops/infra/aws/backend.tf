terraform {
  backend "s3" {
    bucket       = "acme-saas-terraform-state"
    key          = "acme-saas/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
