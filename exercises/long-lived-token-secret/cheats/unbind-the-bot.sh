# Not a fix: the bot's RoleBinding removed: the leaked token gets 403 instead of 401, it
# still authenticates, and the CI can no longer deploy the shop.
kubectl -n "$shop" delete rolebinding deployer-edit
