module px0.dev/oracle

go 1.19
