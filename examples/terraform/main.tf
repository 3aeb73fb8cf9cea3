# The configuration examples/plan.json is the plan of: `costlib estimate examples/terraform` reads this code (no
# `terraform plan`, no credentials) and gives the same estimate; the CI examples compare it with a git ref.
terraform {
  required_providers {
    aws     = { source = "hashicorp/aws" }
    azurerm = { source = "hashicorp/azurerm" }
    google  = { source = "hashicorp/google" }
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "azurerm" {
  features {}
}

provider "google" {
  region = "europe-west1"
}

variable "web_count" {
  type    = number
  default = 2
}

locals {
  tags = { team = "web", env = "prod" }
}

resource "aws_security_group" "web" {
  name = "web"
}

resource "aws_instance" "web" {
  count                  = var.web_count
  ami                    = "ami-0abcdef"
  instance_type          = "m5.large"
  vpc_security_group_ids = [aws_security_group.web.id]
  tags                   = local.tags

  root_block_device {
    volume_size = 30
    volume_type = "gp3"
    iops        = 3000
    throughput  = 125
  }
}

resource "aws_lb" "front" {
  load_balancer_type = "application"
  internal           = false
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "egress" {
  connectivity_type = "public"
  allocation_id     = aws_eip.nat.id
}

resource "aws_s3_bucket" "assets" {
  bucket = "assets-prod"
}

resource "aws_iam_role" "lambda" {
  name = "lambda"
}

resource "aws_lambda_function" "thumbnails" {
  function_name = "thumbnails"
  role          = aws_iam_role.lambda.arn
  memory_size   = 512
  architectures = ["arm64"]
  runtime       = "python3.12"
}

module "db" {
  source = "./modules/db"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-app"
  location = "westeurope"
}

resource "azurerm_linux_virtual_machine" "worker" {
  name                = "worker"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  size                = "Standard_D2s_v5"

  os_disk {
    storage_account_type = "Premium_LRS"
    disk_size_gb         = 64
    caching              = "ReadWrite"
  }
}

resource "google_compute_instance" "batch" {
  name         = "batch"
  machine_type = "n2-standard-4"
  zone         = "europe-west1-b"

  boot_disk {
    initialize_params {
      size = 50
      type = "pd-balanced"
    }
  }

  scheduling {
    preemptible        = false
    provisioning_model = "STANDARD"
  }
}
