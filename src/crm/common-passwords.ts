/**
 * The most common passwords and password words (the head of the public leaked-password
 * rankings — RockYou, the yearly "worst passwords" lists — plus French and product
 * words), written from those lists by hand: no list file exists on the build machine.
 * The policy (password-policy.ts) also strips digits and symbols around a word and
 * undoes leetspeak, so `Password123!` and `p@ssw0rd` are caught by `password`.
 * zxcvbn-ts would give a maintained list with a scorer; see the issue 12 report.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // English words and names at the top of the rankings
  'password', 'passw', 'passwd', 'pass', 'letmein', 'welcome', 'monkey', 'dragon', 'master', 'shadow', 'sunshine',
  'princess', 'football', 'baseball', 'basketball', 'soccer', 'hockey', 'iloveyou', 'trustno', 'trustnoone', 'superman',
  'batman', 'starwars', 'whatever', 'freedom', 'mustang', 'michael', 'jennifer', 'jordan', 'hunter', 'buster', 'harley',
  'ranger', 'thomas', 'robert', 'daniel', 'charlie', 'andrew', 'joshua', 'matthew', 'jessica', 'ashley', 'michelle',
  'nicole', 'amanda', 'taylor', 'george', 'computer', 'internet', 'pepper', 'ginger', 'maggie', 'cheese', 'summer',
  'winter', 'spring', 'autumn', 'killer', 'tigger', 'matrix', 'thunder', 'yankees', 'dallas', 'austin', 'chelsea',
  'liverpool', 'arsenal', 'access', 'secret', 'login', 'admin', 'administrator', 'root', 'toor', 'guest', 'user',
  'default', 'changeme', 'changeit', 'test', 'tester', 'testing', 'demo', 'qwerty', 'azerty', 'qwertz', 'asdfgh',
  'zxcvbn', 'qazwsx', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abc', 'abcd', 'abcdef', 'abcdefgh', 'loveme', 'lovely',
  'flower', 'hello', 'helloworld', 'google', 'facebook', 'linkedin', 'samsung', 'apple', 'pokemon', 'naruto', 'angel',
  'baby', 'babygirl', 'family', 'friends', 'forever', 'fuckyou', 'fuckoff', 'asshole', 'biteme', 'blink', 'purple',
  'orange', 'banana', 'chocolate', 'cookie', 'butterfly', 'jesus', 'christ', 'god', 'money', 'silver', 'golden',
  'diamond', 'dolphin', 'tiger', 'lion', 'eagle', 'falcon', 'phoenix', 'wizard', 'merlin', 'ninja', 'mercedes',
  'ferrari', 'porsche', 'corvette', 'camaro', 'jaguar', 'hammer', 'player', 'gamer', 'mother', 'father', 'sister',
  'brother', 'lovers', 'sexy', 'hottie', 'secret', 'private', 'security', 'company', 'business', 'office', 'work',
  'nothing', 'something', 'anything', 'everything', 'mypassword', 'yourpassword', 'newpassword', 'oldpassword',
  'passpass', 'password', 'letmeinnow', 'opensesame', 'sesame', 'temp', 'temporary', 'welcomeback', 'goodluck',
  // French
  'motdepasse', 'mdp', 'soleil', 'bonjour', 'bonsoir', 'salut', 'coucou', 'doudou', 'loulou', 'chouchou', 'chéri',
  'cheri', 'cherie', 'jetaime', 'amour', 'marseille', 'paris', 'lyon', 'toulouse', 'nicolas', 'camille', 'julien',
  'nathalie', 'isabelle', 'celine', 'sandrine', 'marie', 'pierre', 'olivier', 'france', 'football', 'princesse',
  'azertyuiop', 'qsdfghjklm', 'wxcvbn', 'vacances', 'bisous', 'papa', 'maman', 'famille', 'chocolat', 'licorne',
  // This product and its trade
  'switchboard', 'asterisk', 'freepbx', 'voip', 'sip', 'phone', 'telephone', 'téléphone', 'crm', 'agent', 'operator',
  'support', 'helpdesk', 'callcenter', 'secret', 'alice', 'bob', 'carol', 'dave',
  // Digit strings at the top of the rankings that are not plain sequences or repeats
  '123123', '123321', '159753', '147258', '147258369', '741852963', '112233', '121212', '131313', '696969', '2000',
  '1qaz2wsx', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e', 'q1w2e3r4', 'zaq12wsx', '123qwe', 'qwe123', 'abc123', '123abc',
  'a1b2c3', 'a1b2c3d4', '1a2b3c', '5201314', '11223344', '102030', '010203', '142536', '0246810', '13579',
];
