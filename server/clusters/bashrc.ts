/** The learner's ~/.bashrc: prompt, the k alias, kubectl completion for both. */
export const BASHRC = `# Batten training node
[ -f /etc/bash.bashrc ] && . /etc/bash.bashrc
[ -f /usr/share/bash-completion/bash_completion ] && . /usr/share/bash-completion/bash_completion
export PS1='\\[\\e[1;32m\\]root@controlplane\\[\\e[0m\\]:\\[\\e[1;34m\\]\\w\\[\\e[0m\\]$ '
export EDITOR=vi
alias k=kubectl
alias ll='ls -l'
source <(kubectl completion bash 2>/dev/null)
complete -o default -F __start_kubectl k
`;
