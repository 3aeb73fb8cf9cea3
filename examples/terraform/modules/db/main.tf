resource "aws_db_instance" "main" {
  instance_class    = "db.t3.large"
  engine            = "postgres"
  allocated_storage = 100
  storage_type      = "gp2"
  multi_az          = false
}
