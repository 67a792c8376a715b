/**
 * What the demo and bulk data need to look real in ten countries: names, cities with
 * their area codes and postcodes, street styles, company suffixes and each numbering
 * plan's shape. Where a regulator reserves numbers for fiction (Ofcom's drama ranges,
 * NANPA's 555-01xx, ARCEP's 01 99 00, ACMA's 5550 / 0491 570), `fiction` names them
 * and the demo data uses them; elsewhere numbers are merely plausible.
 */
export type DemoCountry = 'US' | 'GB' | 'FR' | 'DE' | 'ES' | 'IT' | 'NL' | 'BE' | 'CH' | 'AU';
export const DEMO_COUNTRIES: readonly DemoCountry[] = ['US', 'GB', 'FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'CH', 'AU'];

export interface City {
  name: string;
  /** Area code as part of the national significant number (Italy keeps its 0 there). */
  area: string;
  /** Digits after the area code. */
  restLength: number;
  /** Leading digits of `rest` reserved for fiction, when the regulator has such a range. */
  fiction?: string;
  postcodes: readonly string[];
}

export interface Country {
  code: DemoCountry;
  name: string;
  callingCode: string;
  /** Trunk prefix dialled before the area code inside the country ('' where there is none). */
  trunk: string;
  /** International prefix dialled from this country (ITU-T E.164 Annex: 00 almost everywhere). */
  idd: string;
  /** Groups of the digits after the area code, e.g. [3, 4] for `552 7789`. */
  groups: (rest: string) => number[];
  /** Whether people there write `+49 (0)211 …` when giving the international form. */
  writesZeroInBrackets: boolean;
  cities: readonly City[];
  mobile: { prefix: string; restLength: number; fiction?: string };
  firstNames: readonly string[];
  lastNames: readonly string[];
  companyWords: readonly string[];
  companySuffixes: readonly string[];
  street: (n: number, name: string) => string;
  streetNames: readonly string[];
  emailTld: string;
}

const pairs = (rest: string): number[] => Array.from({ length: Math.ceil(rest.length / 2) }, (_, i) => (i === 0 && rest.length % 2 === 1 ? 1 : 2));
const halves = (rest: string): number[] => (rest.length <= 4 ? [rest.length] : [rest.length - 4, 4]);
const threeTwoTwo = (rest: string): number[] => (rest.length === 7 ? [3, 2, 2] : rest.length === 6 ? [2, 2, 2] : halves(rest));

export const COUNTRIES: Record<DemoCountry, Country> = {
  US: {
    code: 'US', name: 'United States', callingCode: '1', trunk: '1', idd: '011', groups: () => [3, 4], writesZeroInBrackets: false,
    cities: [
      { name: 'New York', area: '212', restLength: 7, fiction: '55501', postcodes: ['10001', '10018', '10036', '10118'] },
      { name: 'Chicago', area: '312', restLength: 7, fiction: '55501', postcodes: ['60601', '60606', '60654'] },
      { name: 'San Francisco', area: '415', restLength: 7, fiction: '55501', postcodes: ['94103', '94105', '94111'] },
      { name: 'Boston', area: '617', restLength: 7, fiction: '55501', postcodes: ['02108', '02110', '02116'] },
      { name: 'Houston', area: '713', restLength: 7, fiction: '55501', postcodes: ['77002', '77010', '77056'] },
      { name: 'Seattle', area: '206', restLength: 7, fiction: '55501', postcodes: ['98101', '98104', '98121'] },
    ],
    mobile: { prefix: '917', restLength: 7, fiction: '55501' },
    firstNames: ['James', 'Mary', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'David', 'Linda', 'William', 'Elizabeth', 'Carlos', 'Maria', 'Kevin', 'Ashley', 'Brian', 'Jessica', 'Tyrone', 'Keisha', 'Wei', 'Priya'],
    lastNames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Lee', 'Harris', 'Clark', 'Nguyen', 'Patel', 'Kowalski', 'O\'Brien'],
    companyWords: ['Hudson', 'Liberty', 'Summit', 'Pioneer', 'Lakeside', 'Keystone', 'Redwood', 'Atlas', 'Evergreen', 'Frontier'],
    companySuffixes: ['Inc.', 'LLC', 'Corp.', 'Holdings Inc.', 'Group LLC'],
    street: (n, s) => `${n} ${s}`, streetNames: ['Main Street', 'Oak Avenue', 'Park Avenue', 'Broadway', 'Elm Street', 'Market Street', 'Lake Shore Drive', 'Washington Blvd'],
    emailTld: 'example',
  },
  GB: {
    code: 'GB', name: 'United Kingdom', callingCode: '44', trunk: '0', idd: '00', groups: (r) => (r.length === 8 ? [4, 4] : [3, 4]), writesZeroInBrackets: true,
    cities: [
      { name: 'London', area: '20', restLength: 8, fiction: '79460', postcodes: ['EC1A 1BB', 'SW1A 2AA', 'W1D 3QU', 'SE1 9GF', 'N1 9GU'] },
      { name: 'Manchester', area: '161', restLength: 7, fiction: '4960', postcodes: ['M1 1AE', 'M2 5DB', 'M4 1HQ', 'M15 4FN'] },
      { name: 'Leeds', area: '113', restLength: 7, fiction: '4960', postcodes: ['LS1 4DY', 'LS2 7EY', 'LS11 5PZ'] },
      { name: 'Bristol', area: '117', restLength: 7, fiction: '4960', postcodes: ['BS1 4DJ', 'BS1 6QF', 'BS8 1TH'] },
      { name: 'Edinburgh', area: '131', restLength: 7, fiction: '4960', postcodes: ['EH1 1YZ', 'EH2 2ER', 'EH3 9DR'] },
    ],
    mobile: { prefix: '7700', restLength: 6, fiction: '900' },
    firstNames: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Olivia', 'Jack', 'Emily', 'Charlie', 'Sophie', 'Thomas', 'Grace', 'Mohammed', 'Aisha', 'Rhys', 'Siobhan', 'Callum', 'Fiona', 'Rajesh', 'Chloe'],
    lastNames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Khan', 'MacDonald', 'Hughes', 'Patel', 'Ó Súilleabháin'],
    companyWords: ['Pennine', 'Thames', 'Northern', 'Albion', 'Mersey', 'Caledonian', 'Cotswold', 'Severn', 'Highland', 'Kingsway'],
    companySuffixes: ['Ltd', 'Limited', 'plc', 'LLP', '& Sons Ltd'],
    street: (n, s) => `${n} ${s}`, streetNames: ['High Street', 'Station Road', 'Church Lane', 'Deansgate', 'Victoria Road', 'Park Road', 'Mill Lane', 'King Street'],
    emailTld: 'example',
  },
  FR: {
    code: 'FR', name: 'France', callingCode: '33', trunk: '0', idd: '00', groups: pairs, writesZeroInBrackets: true,
    cities: [
      { name: 'Paris', area: '1', restLength: 8, fiction: '9900', postcodes: ['75001', '75008', '75011', '75015'] },
      { name: 'Lyon', area: '4', restLength: 8, fiction: '6571', postcodes: ['69001', '69002', '69003'] },
      { name: 'Bordeaux', area: '5', restLength: 8, fiction: '3649', postcodes: ['33000', '33100', '33300'] },
      { name: 'Lille', area: '3', restLength: 8, fiction: '5301', postcodes: ['59000', '59800'] },
      { name: 'Rennes', area: '2', restLength: 8, fiction: '6191', postcodes: ['35000', '35200'] },
    ],
    mobile: { prefix: '6', restLength: 8, fiction: '3998' },
    firstNames: ['Louis', 'Camille', 'Gabriel', 'Léa', 'Hugo', 'Chloé', 'Jules', 'Manon', 'Arthur', 'Inès', 'Raphaël', 'Zoé', 'Théo', 'Élodie', 'Mathéo', 'Anaïs', 'Karim', 'Yasmine', 'François', 'Hélène'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Benoît', 'Girard', 'Bonnet'],
    companyWords: ['Atelier', 'Groupe', 'Conseil', 'Transports', 'Ateliers', 'Éditions', 'Laboratoires', 'Comptoir', 'Société', 'Maison'],
    companySuffixes: ['SA', 'SAS', 'SARL', 'et Fils', 'SCOP'],
    street: (n, s) => `${n} ${s}`, streetNames: ['rue de la Paix', 'avenue Victor Hugo', 'boulevard Haussmann', 'rue Nationale', 'quai des Chartrons', 'rue de la République', 'place Bellecour', 'rue du Faubourg Saint-Antoine'],
    emailTld: 'example',
  },
  DE: {
    code: 'DE', name: 'Germany', callingCode: '49', trunk: '0', idd: '00', groups: (r) => [r.length], writesZeroInBrackets: true,
    cities: [
      { name: 'Berlin', area: '30', restLength: 8, postcodes: ['10115', '10178', '10785', '12043'] },
      { name: 'Hamburg', area: '40', restLength: 8, postcodes: ['20095', '20457', '22767'] },
      { name: 'München', area: '89', restLength: 8, postcodes: ['80331', '80469', '81675'] },
      { name: 'Köln', area: '221', restLength: 7, postcodes: ['50667', '50672', '50933'] },
      { name: 'Düsseldorf', area: '211', restLength: 7, postcodes: ['40210', '40212', '40474'] },
      { name: 'Frankfurt am Main', area: '69', restLength: 8, postcodes: ['60311', '60313', '60486'] },
    ],
    mobile: { prefix: '151', restLength: 8 },
    firstNames: ['Lukas', 'Anna', 'Maximilian', 'Sophie', 'Felix', 'Marie', 'Jonas', 'Lena', 'Leon', 'Hannah', 'Paul', 'Emma', 'Jürgen', 'Ursula', 'Mehmet', 'Ayşe', 'Stefan', 'Sabine', 'Dieter', 'Katrin'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Zimmermann', 'Braun', 'Krüger', 'Yılmaz', 'Hartmann'],
    companyWords: ['Rhein', 'Nord', 'Süd', 'Elbe', 'Spree', 'Alpen', 'Main', 'Hansa', 'Ruhr', 'Mosel'],
    companySuffixes: ['GmbH', 'AG', 'GmbH & Co. KG', 'KG', 'e.K.'],
    street: (n, s) => `${s} ${n}`, streetNames: ['Hauptstraße', 'Bahnhofstraße', 'Königsallee', 'Schillerstraße', 'Goethestraße', 'Friedrichstraße', 'Lindenstraße', 'Am Markt'],
    emailTld: 'example',
  },
  ES: {
    code: 'ES', name: 'Spain', callingCode: '34', trunk: '', idd: '00', groups: threeTwoTwo, writesZeroInBrackets: false,
    cities: [
      { name: 'Madrid', area: '91', restLength: 7, postcodes: ['28001', '28013', '28046'] },
      { name: 'Barcelona', area: '93', restLength: 7, postcodes: ['08001', '08007', '08036'] },
      { name: 'Valencia', area: '96', restLength: 7, postcodes: ['46001', '46002', '46021'] },
      { name: 'Sevilla', area: '954', restLength: 6, postcodes: ['41001', '41004', '41011'] },
      { name: 'Bilbao', area: '94', restLength: 7, postcodes: ['48001', '48009'] },
    ],
    mobile: { prefix: '6', restLength: 8 },
    firstNames: ['Hugo', 'Lucía', 'Martín', 'Sofía', 'Pablo', 'María', 'Alejandro', 'Paula', 'Álvaro', 'Carmen', 'Javier', 'Elena', 'Jordi', 'Montserrat', 'Iñaki', 'Nerea', 'José Luis', 'Ana Belén', 'Sergio', 'Marta'],
    lastNames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Puig', 'Etxeberria', 'Navarro', 'Torres'],
    companyWords: ['Ibérica', 'Levante', 'Cantábrica', 'Mediterránea', 'Castellana', 'Atlántica', 'Hispania', 'Meseta', 'Costa', 'Sierra'],
    companySuffixes: ['S.L.', 'S.A.', 'S.L.U.', 'y Asociados S.L.', 'Hermanos S.A.'],
    street: (n, s) => `${s}, ${n}`, streetNames: ['Calle Mayor', 'Gran Vía', 'Paseo de la Castellana', 'Calle de Alcalá', 'Avenida Diagonal', 'Calle Serrano', 'Rambla de Catalunya', 'Calle Colón'],
    emailTld: 'example',
  },
  IT: {
    code: 'IT', name: 'Italy', callingCode: '39', trunk: '', idd: '00', groups: halves, writesZeroInBrackets: false,
    cities: [
      { name: 'Milano', area: '02', restLength: 8, postcodes: ['20121', '20124', '20154'] },
      { name: 'Roma', area: '06', restLength: 8, postcodes: ['00184', '00187', '00198'] },
      { name: 'Torino', area: '011', restLength: 7, postcodes: ['10121', '10123', '10138'] },
      { name: 'Napoli', area: '081', restLength: 7, postcodes: ['80121', '80133', '80142'] },
      { name: 'Bologna', area: '051', restLength: 7, postcodes: ['40121', '40126'] },
    ],
    mobile: { prefix: '34', restLength: 8 },
    firstNames: ['Leonardo', 'Sofia', 'Francesco', 'Giulia', 'Alessandro', 'Aurora', 'Lorenzo', 'Alice', 'Mattia', 'Ginevra', 'Giuseppe', 'Francesca', 'Niccolò', 'Chiara', 'Giovanni', 'Beatrice', 'Marco', 'Elena', 'Andrea', 'Federica'],
    lastNames: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'D\'Angelo', 'Fabbri'],
    companyWords: ['Adriatica', 'Tirrenica', 'Lombarda', 'Padana', 'Italica', 'Appennino', 'Laguna', 'Vesuvio', 'Dolomiti', 'Toscana'],
    companySuffixes: ['S.p.A.', 'S.r.l.', 'S.n.c.', 'S.a.s.', '& C. S.r.l.'],
    street: (n, s) => `${s}, ${n}`, streetNames: ['Via Roma', 'Corso Vittorio Emanuele II', 'Via Garibaldi', 'Via Mazzini', 'Piazza del Duomo', 'Via Dante', 'Corso Buenos Aires', 'Via Toledo'],
    emailTld: 'example',
  },
  NL: {
    code: 'NL', name: 'Netherlands', callingCode: '31', trunk: '0', idd: '00', groups: (r) => (r.length === 7 ? [3, 4] : [3, 3]), writesZeroInBrackets: true,
    cities: [
      { name: 'Amsterdam', area: '20', restLength: 7, postcodes: ['1012 AB', '1017 CT', '1071 XX'] },
      { name: 'Rotterdam', area: '10', restLength: 7, postcodes: ['3011 AD', '3012 CL', '3072 AP'] },
      { name: 'Den Haag', area: '70', restLength: 7, postcodes: ['2511 CV', '2514 EA'] },
      { name: 'Utrecht', area: '30', restLength: 7, postcodes: ['3511 LX', '3584 CS'] },
      { name: 'Eindhoven', area: '40', restLength: 7, postcodes: ['5611 AZ', '5612 AJ'] },
    ],
    mobile: { prefix: '6', restLength: 8 },
    firstNames: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Mila', 'Levi', 'Tess', 'Finn', 'Sophie', 'Jan', 'Anouk', 'Pieter', 'Femke', 'Bram', 'Lotte', 'Sven', 'Saskia', 'Thijs', 'Noor'],
    lastNames: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'van der Meer'],
    companyWords: ['Delta', 'Polder', 'Oranje', 'Noordzee', 'Tulp', 'Molen', 'Gracht', 'Zuider', 'Hollandia', 'Lage Landen'],
    companySuffixes: ['B.V.', 'N.V.', 'V.O.F.', 'Holding B.V.', 'Groep B.V.'],
    street: (n, s) => `${s} ${n}`, streetNames: ['Kerkstraat', 'Damrak', 'Coolsingel', 'Hoofdstraat', 'Prinsengracht', 'Stationsweg', 'Dorpsstraat', 'Lange Voorhout'],
    emailTld: 'example',
  },
  BE: {
    code: 'BE', name: 'Belgium', callingCode: '32', trunk: '0', idd: '00', groups: threeTwoTwo, writesZeroInBrackets: true,
    cities: [
      { name: 'Bruxelles', area: '2', restLength: 7, postcodes: ['1000', '1040', '1050', '1210'] },
      { name: 'Antwerpen', area: '3', restLength: 7, postcodes: ['2000', '2018', '2060'] },
      { name: 'Gent', area: '9', restLength: 7, postcodes: ['9000', '9050'] },
      { name: 'Liège', area: '4', restLength: 7, postcodes: ['4000', '4020'] },
      { name: 'Namur', area: '81', restLength: 6, postcodes: ['5000', '5100'] },
    ],
    mobile: { prefix: '47', restLength: 7 },
    firstNames: ['Noah', 'Olivia', 'Arthur', 'Louise', 'Jules', 'Emma', 'Lucas', 'Mila', 'Wout', 'Elise', 'Lars', 'Amélie', 'Maxime', 'Lotte', 'Mehdi', 'Nora', 'Pieter-Jan', 'Marie-Claire', 'Thibault', 'Fien'],
    lastNames: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Dupont', 'Martin', 'Leclercq', 'Vermeulen', 'Van de Velde', 'Desmet', 'Lemaire', 'Hermans', 'El Amrani'],
    companyWords: ['Brabant', 'Escaut', 'Meuse', 'Ardennes', 'Flandria', 'Wallonie', 'Schelde', 'Lys', 'Sambre', 'Kempen'],
    companySuffixes: ['SA', 'NV', 'SRL', 'BV', 'SPRL'],
    street: (n, s) => `${s} ${n}`, streetNames: ['Rue Neuve', 'Meir', 'Avenue Louise', 'Korenmarkt', 'Rue de la Loi', 'Veldstraat', 'Boulevard d\'Avroy', 'Grote Markt'],
    emailTld: 'example',
  },
  CH: {
    code: 'CH', name: 'Switzerland', callingCode: '41', trunk: '0', idd: '00', groups: threeTwoTwo, writesZeroInBrackets: true,
    cities: [
      { name: 'Zürich', area: '44', restLength: 7, postcodes: ['8001', '8004', '8050'] },
      { name: 'Genève', area: '22', restLength: 7, postcodes: ['1201', '1204', '1211'] },
      { name: 'Basel', area: '61', restLength: 7, postcodes: ['4001', '4051', '4058'] },
      { name: 'Bern', area: '31', restLength: 7, postcodes: ['3003', '3011', '3013'] },
      { name: 'Lausanne', area: '21', restLength: 7, postcodes: ['1003', '1005', '1007'] },
    ],
    mobile: { prefix: '79', restLength: 7 },
    firstNames: ['Noah', 'Mia', 'Liam', 'Emma', 'Matteo', 'Sofia', 'Luca', 'Lina', 'Elias', 'Laura', 'Reto', 'Céline', 'Urs', 'Nadine', 'Beat', 'Corinne', 'Jean-Marc', 'Anne-Sophie', 'Gian', 'Seraina'],
    lastNames: ['Müller', 'Meier', 'Schmid', 'Keller', 'Weber', 'Huber', 'Schneider', 'Meyer', 'Steiner', 'Fischer', 'Gerber', 'Brunner', 'Baumann', 'Frei', 'Zimmermann', 'Moser', 'Favre', 'Rochat', 'Bernasconi', 'Caflisch', 'Zürcher'],
    companyWords: ['Helvetia', 'Alpina', 'Rigi', 'Jura', 'Léman', 'Säntis', 'Gotthard', 'Aare', 'Engadin', 'Pilatus'],
    companySuffixes: ['AG', 'GmbH', 'SA', 'Sàrl', 'Holding AG'],
    street: (n, s) => `${s} ${n}`, streetNames: ['Bahnhofstrasse', 'Rue du Rhône', 'Freie Strasse', 'Marktgasse', 'Avenue de la Gare', 'Limmatquai', 'Spitalgasse', 'Rue de Bourg'],
    emailTld: 'example',
  },
  AU: {
    code: 'AU', name: 'Australia', callingCode: '61', trunk: '0', idd: '0011', groups: () => [4, 4], writesZeroInBrackets: false,
    cities: [
      { name: 'Sydney', area: '2', restLength: 8, fiction: '5550', postcodes: ['2000', '2010', '2060'] },
      { name: 'Melbourne', area: '3', restLength: 8, fiction: '5550', postcodes: ['3000', '3004', '3121'] },
      { name: 'Brisbane', area: '7', restLength: 8, fiction: '5550', postcodes: ['4000', '4006', '4101'] },
      { name: 'Perth', area: '8', restLength: 8, fiction: '5550', postcodes: ['6000', '6005'] },
    ],
    mobile: { prefix: '491', restLength: 6, fiction: '570' },
    firstNames: ['Oliver', 'Charlotte', 'Jack', 'Olivia', 'William', 'Amelia', 'Noah', 'Isla', 'Thomas', 'Mia', 'Liam', 'Chloe', 'Bruce', 'Sheila', 'Nguyen', 'Mai', 'Lachlan', 'Matilda', 'Kieran', 'Jarrah'],
    lastNames: ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Johnson', 'Martin', 'White', 'Anderson', 'Walker', 'Thompson', 'Thomas', 'Ryan', 'Kelly', 'O\'Connor', 'Papadopoulos', 'Chen', 'Murphy', 'McKenzie'],
    companyWords: ['Southern Cross', 'Coastal', 'Outback', 'Harbour', 'Eucalypt', 'Pacific', 'Wattle', 'Tasman', 'Kookaburra', 'Coral'],
    companySuffixes: ['Pty Ltd', 'Ltd', 'Group Pty Ltd', 'Holdings Pty Ltd', '& Co Pty Ltd'],
    street: (n, s) => `${n} ${s}`, streetNames: ['George Street', 'Collins Street', 'Queen Street', 'Hay Street', 'Pitt Street', 'Bourke Street', 'Adelaide Street', 'Elizabeth Street'],
    emailTld: 'example',
  },
};

export const INDUSTRIES = ['Logistics', 'Engineering', 'Software', 'Foods', 'Textiles', 'Consulting', 'Medical', 'Energy', 'Print', 'Insurance', 'Freight', 'Optics'] as const;
