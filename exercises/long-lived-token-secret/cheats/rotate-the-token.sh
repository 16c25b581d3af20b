# Not a fix: "rotating" the leaked token: its key is removed and the token controller fills
# in a new one, but the Secret is still a long-lived token of the bot, which never expires
# either (and whoever can read Secrets in $ci copies it again).
kubectl -n "$ci" patch secret "$deployer-token" --type=json -p='[{"op": "remove", "path": "/data/token"}]'
sleep 2
