# Prompt and start directory as on the tutorials' CentOS machines: "[root@lb01 ~]# ".
# Why: learners compare what they see with the tutorial's transcripts; the same prompt makes
# it obvious which node a terminal is on. `docker exec` starts in / : go home like a login.
PS1='[\u@\h \W]\$ '
if [ "$PWD" = / ]; then cd ~ 2>/dev/null || true; fi
# CentOS' root has these aliases; tutorials use `ll`
alias ll='ls -l --color=auto'
alias ls='ls --color=auto'
