/** What a learner types to fix anonymous-access: find the binding that names
 * system:anonymous (its name is drawn per learner) and delete it. */
export const FIX_ANONYMOUS_ACCESS = "kubectl get clusterrolebindings -o wide | awk '/system:anonymous/ {print $1}' | xargs -r kubectl delete clusterrolebinding";

/** What a learner types to fix default-sa-cluster-admin: delete the binding that gives a
 * namespace's default service account cluster-admin (its name is drawn per learner). */
export const FIX_DEFAULT_SA = String.raw`kubectl get clusterrolebindings -o wide | awk '/ClusterRole\/cluster-admin / && /\/default( |$)/ {print $1}' | xargs -r kubectl delete clusterrolebinding`;
