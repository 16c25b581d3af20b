import { fatal } from './fatal.ts';
import { setup } from './setup.ts';
import { doctor } from './doctor.ts';
import { clusterUp } from './cluster-up.ts';
import { exerciseCoverage, exerciseSchema, exerciseTest, exerciseValidate } from './exercise.ts';
import { exerciseDev } from './exercise-dev.ts';
import { exerciseNew } from './exercise-new.ts';
import { optionProblem } from './options.ts';

const HELP = `usage: batten <command>

  setup [--kind] [--browser]      install what is missing and build the Kubernetes binaries
                                  (cached); --kind: podman, kind and the offline node image
  doctor       report what is found and what is missing, with the fix for each
  cluster up   start one cluster (CLUSTER_PROVIDER), print its kubeconfig; Ctrl-C removes it
  exercise validate [DIR…]        load exercises and report every problem
  exercise test [DIR…|--all] [--providers embedded,kind]
                                  prove exercises on fresh clusters: setup not met, cheats
                                  earn nothing, the solution meets every objective; each on
                                  the first listed provider that has what it requires
  exercise schema                 write exercises/schema.json (for editors)
  exercise coverage               exercises per OWASP Kubernetes Top 10 category and CKS domain
  exercise new NAME [--dir PARENT] write a new, provable exercise to start from
  exercise dev NAME|DIR           a cluster with the setup; objectives re-checked live as you
                                  edit exercise.yaml or the cluster; keys run setup/solution/cheats
`;

const [cmd, sub, ...rest] = process.argv.slice(2);
const command = cmd === 'setup' ? 'setup' : `${cmd ?? ''} ${sub ?? ''}`.trim();
const args = cmd === 'setup' ? [sub, ...rest].filter((a): a is string => !!a) : rest;
const run = async (): Promise<number> => {
  const problem = optionProblem(command, args);
  if (problem) {
    process.stderr.write(`batten ${command}: ${problem}\n\n${HELP}`);
    return 2;
  }
  switch (command) {
    case 'setup':
      return setup(args);
    case 'doctor':
      return doctor();
    case 'cluster up':
      return clusterUp();
    case 'exercise validate':
      return exerciseValidate(rest);
    case 'exercise test':
      return exerciseTest(rest);
    case 'exercise schema':
      return exerciseSchema();
    case 'exercise coverage':
      return exerciseCoverage();
    case 'exercise new':
      return exerciseNew(rest);
    case 'exercise dev':
      return exerciseDev(rest);
    case '':
    case 'help':
    case '--help':
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(`batten: unknown command "${[cmd, sub].filter(Boolean).join(' ')}"\n\n${HELP}`);
      return 2;
  }
};
run().then((code) => process.exit(code), fatal);
