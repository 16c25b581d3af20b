/** What a learner types to fix anonymous-access: find the binding that names
 * system:anonymous (its name is drawn per learner) and delete it. */
export const FIX_ANONYMOUS_ACCESS = "kubectl get clusterrolebindings -o wide | awk '/system:anonymous/ {print $1}' | xargs -r kubectl delete clusterrolebinding";
