/*
 * cmds.h -- the subcommands.  Each takes argc/argv starting at its own
 * name and returns the exit status.
 */
#ifndef CP_CMDS_H
#define CP_CMDS_H

int	cmd_normalize(int, char **);
int	cmd_split(int, char **);
int	cmd_extract(int, char **);
int	cmd_rules(int, char **);
int	cmd_suggest(int, char **);
int	cmd_explain(int, char **);
int	cmd_eval(int, char **);
int	cmd_format(int, char **);
int	cmd_run(int, char **);

#endif /* CP_CMDS_H */
