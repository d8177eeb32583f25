# Load balancing: ONE public ALB. The app host goes to the web app for every path (/api included:
# the web app is the BFF); the API host goes to the API only when api_public_url is set. Anything
# else gets a 404. HTTPS on 443 (TLS 1.3/1.2 policy), port 80 redirects to it.

resource "aws_lb" "main" {
  name                       = local.name_prefix
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [aws_security_group.role["alb"].id]
  subnets                    = aws_subnet.public[*].id
  drop_invalid_header_fields = true
  enable_deletion_protection = local.is_prod
}

resource "aws_lb_target_group" "web" {
  name                 = "${local.name_prefix}-web"
  port                 = local.web_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = aws_vpc.main.id
  deregistration_delay = 30

  health_check {
    path                = "/api/health/ready"
    matcher             = "200"
    healthy_threshold   = 2
    unhealthy_threshold = 3
    interval            = 30
    timeout             = 5
  }
}

resource "aws_lb_target_group" "api" {
  count                = local.api_public ? 1 : 0
  name                 = "${local.name_prefix}-api"
  port                 = local.api_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = aws_vpc.main.id
  deregistration_delay = 30

  # ALB health checks send the target's IP as the Host header. ALLOWED_HOSTS cannot list task IPs,
  # and the API's TrustedHostMiddleware answers 400 to any other host, so 400 here means "the
  # process answers". Readiness (database and Redis) is the container health check, which calls
  # http://127.0.0.1:8000/health/ready (127.0.0.1 is allowed); ECS replaces tasks that fail it.
  health_check {
    path                = "/health/ready"
    matcher             = "200,400"
    healthy_threshold   = 2
    unhealthy_threshold = 3
    interval            = 30
    timeout             = 5
  }
}

resource "aws_lb_listener" "https" {
  count             = var.enable_https ? 1 : 0
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.acm_certificate_arn

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "Not found"
      status_code  = "404"
    }
  }
}

# Port 80: a redirect to HTTPS, or (enable_https = false, dev only) the listener that carries the rules.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = var.enable_https ? "redirect" : "fixed-response"

    dynamic "redirect" {
      for_each = var.enable_https ? [1] : []
      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }

    dynamic "fixed_response" {
      for_each = var.enable_https ? [] : [1]
      content {
        content_type = "text/plain"
        message_body = "Not found"
        status_code  = "404"
      }
    }
  }
}

locals {
  rules_listener_arn = var.enable_https ? aws_lb_listener.https[0].arn : aws_lb_listener.http.arn
}

resource "aws_lb_listener_rule" "web" {
  listener_arn = local.rules_listener_arn
  priority     = 10

  condition {
    host_header {
      values = [module.app_env.app_host]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_listener_rule" "api" {
  count        = local.api_public ? 1 : 0
  listener_arn = local.rules_listener_arn
  priority     = 20

  condition {
    host_header {
      values = [module.app_env.api_public_host]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api[0].arn
  }
}
