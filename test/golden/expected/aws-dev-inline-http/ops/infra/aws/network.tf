# Network: a VPC over the first two availability zones, public subnets for the load balancer and
# the NAT gateway, private subnets for the tasks, Postgres and Redis, and one security group per role.

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 2)
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "${local.name_prefix}-vpc" }
}

resource "aws_subnet" "public" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index)
  availability_zone = local.azs[count.index]
  tags              = { Name = "${local.name_prefix}-public-${count.index + 1}" }
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index + 2)
  availability_zone = local.azs[count.index]
  tags              = { Name = "${local.name_prefix}-private-${count.index + 1}" }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags   = { Name = "${local.name_prefix}-igw" }
}

resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = { Name = "${local.name_prefix}-nat" }
}

# One NAT gateway: the tasks pull images and reach Secrets Manager through it.
resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
  tags          = { Name = "${local.name_prefix}-nat" }
  depends_on    = [aws_internet_gateway.main]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  tags   = { Name = "${local.name_prefix}-public" }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.main.id
}

resource "aws_route_table_association" "public" {
  count          = 2
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  tags   = { Name = "${local.name_prefix}-private" }
}

resource "aws_route" "private_nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main.id
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

# Security groups: every role gets its own group; ingress only from the groups that call it.
resource "aws_security_group" "role" {
  for_each    = toset(["alb", "web", "api", "worker", "migrate", "db", "redis"])
  name        = "${local.name_prefix}-${each.key}"
  description = "${local.name_prefix} ${each.key}"
  vpc_id      = aws_vpc.main.id
  tags        = { Name = "${local.name_prefix}-${each.key}" }
}

resource "aws_vpc_security_group_egress_rule" "all" {
  for_each          = aws_security_group.role
  security_group_id = each.value.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
  description       = "all outbound"
}

locals {
  # to => port, from: a CIDR (alb) or a security group role.
  ingress_rules = merge(
    {
      "alb-http"       = { to = "alb", port = 80, cidr = "0.0.0.0/0", from = "" }
      "alb-https"      = { to = "alb", port = 443, cidr = "0.0.0.0/0", from = "" }
      "web-from-alb"   = { to = "web", port = local.web_port, cidr = "", from = "alb" }
      "api-from-web"   = { to = "api", port = local.api_port, cidr = "", from = "web" }
      "db-from-api"    = { to = "db", port = 5432, cidr = "", from = "api" }
      "db-from-worker" = { to = "db", port = 5432, cidr = "", from = "worker" }
      "db-from-mig"    = { to = "db", port = 5432, cidr = "", from = "migrate" }
      "redis-from-api" = { to = "redis", port = 6379, cidr = "", from = "api" }
      "redis-from-wkr" = { to = "redis", port = 6379, cidr = "", from = "worker" }
    },
    # The load balancer reaches the API only when the API is public.
    local.api_public ? { "api-from-alb" = { to = "api", port = local.api_port, cidr = "", from = "alb" } } : {},
  )
}

resource "aws_vpc_security_group_ingress_rule" "rule" {
  for_each                     = local.ingress_rules
  security_group_id            = aws_security_group.role[each.value.to].id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  cidr_ipv4                    = each.value.cidr != "" ? each.value.cidr : null
  referenced_security_group_id = each.value.from != "" ? aws_security_group.role[each.value.from].id : null
  description                  = each.key
}
