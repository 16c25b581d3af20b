module batten.dev/webapp

go 1.22
