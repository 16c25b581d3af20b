module batten.dev/controlplane/forward

go 1.24.0
